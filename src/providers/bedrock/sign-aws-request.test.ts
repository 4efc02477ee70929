import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsRequestSigner } from './sign-aws-request.ts';

/**
 * AWS's Signature Version 4 test suite ("aws-sig-v4-test-suite", published with the SigV4 docs):
 * every vector signs for service `service` in `us-east-1` at 20150830T123600Z with these example keys.
 */
const SUITE_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const SUITE_DATE = new Date('2015-08-30T12:36:00Z');
const SUITE_SESSION_TOKEN = 'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

function suiteSigner(sessionToken?: string): AwsRequestSigner {
  return new AwsRequestSigner({
    credentials: sessionToken === undefined ? SUITE_CREDENTIALS : { ...SUITE_CREDENTIALS, sessionToken },
    region: 'us-east-1',
    service: 'service',
    signPayloadHeader: false,
  });
}

describe('AwsRequestSigner against the aws-sig-v4-test-suite', () => {
  it('get-vanilla', async () => {
    const signed = await suiteSigner().sign({ method: 'GET', url: 'https://example.amazonaws.com/', headers: {}, body: '' }, SUITE_DATE);
    assert.equal(signed.headers.authorization,
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
    assert.equal(signed.headers['x-amz-date'], '20150830T123600Z');
    assert.equal(signed.headers.host, undefined);
  });

  it('get-vanilla-query-order-key-case', async () => {
    const signed = await suiteSigner().sign({ method: 'GET', url: 'https://example.amazonaws.com/?Param2=value2&Param1=value1', headers: {}, body: '' }, SUITE_DATE);
    assert.equal(signed.headers.authorization,
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
  });

  it('post-vanilla', async () => {
    const signed = await suiteSigner().sign({ method: 'POST', url: 'https://example.amazonaws.com/', headers: {}, body: '' }, SUITE_DATE);
    assert.equal(signed.headers.authorization,
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b');
  });

  it('post-x-www-form-urlencoded (a signed content-type and body)', async () => {
    const signed = await suiteSigner().sign({
      method: 'POST', url: 'https://example.amazonaws.com/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Param1=value1',
    }, SUITE_DATE);
    assert.equal(signed.headers.authorization,
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a');
    assert.equal(signed.body, 'Param1=value1');
  });

  it('post-sts-header-before (session credentials)', async () => {
    const signed = await suiteSigner(SUITE_SESSION_TOKEN).sign({ method: 'POST', url: 'https://example.amazonaws.com/', headers: {}, body: '' }, SUITE_DATE);
    assert.equal(signed.headers.authorization,
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead');
    assert.equal(signed.headers['x-amz-security-token'], SUITE_SESSION_TOKEN);
  });

  it('adds x-amz-content-sha256 when asked, and the signature then covers it', async () => {
    const signer = new AwsRequestSigner({ credentials: SUITE_CREDENTIALS, region: 'us-east-1', service: 'bedrock' });
    const signed = await signer.sign({ method: 'POST', url: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse', headers: { 'content-type': 'application/json' }, body: '{}' }, SUITE_DATE);
    // SHA-256 of `{}`.
    assert.equal(signed.headers['x-amz-content-sha256'], '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    assert.match(signed.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/us-east-1\/bedrock\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/);
  });
});
