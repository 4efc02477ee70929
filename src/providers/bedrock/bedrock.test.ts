import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bedrockConverseDialect } from '../../dialects/bedrock-converse/index.ts';
import { bedrockCohereEmbeddingsDialect, bedrockTitanEmbeddingsDialect } from '../../dialects/bedrock-embeddings/index.ts';
import { bedrockProvider } from './index.ts';
import { AwsRequestSigner } from './sign-aws-request.ts';

const credentials = { aws_access_key_id: 'AKIDEXAMPLE', aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', aws_region_name: 'eu-west-3' };

function targetFor(options: { upstreamModel: string; stream?: boolean; operation?: 'chat' | 'embeddings'; credentials?: Record<string, unknown> }) {
  return bedrockProvider.target({
    operation: options.operation ?? 'chat', upstreamModel: options.upstreamModel, stream: options.stream ?? false, credentials: options.credentials ?? credentials,
  });
}

describe('bedrockProvider', () => {
  it('is the bedrock host, priced from the aws data, speaking Converse and the Bedrock embeddings bodies', () => {
    assert.equal(bedrockProvider.id, 'bedrock');
    assert.equal(bedrockProvider.pricingProviderId, 'aws');
    assert.equal(bedrockProvider.chat?.dialectFor('anthropic.claude-3-haiku-20240307-v1:0'), bedrockConverseDialect);
    assert.equal(bedrockProvider.embeddings?.dialectFor('amazon.titan-embed-text-v2:0'), bedrockTitanEmbeddingsDialect);
    assert.equal(bedrockProvider.embeddings?.dialectFor('cohere.embed-multilingual-v3'), bedrockCohereEmbeddingsDialect);
  });

  it('checks credentials, naming each field', () => {
    assert.deepEqual(bedrockProvider.checkCredentials(credentials), { ok: true });
    assert.deepEqual(bedrockProvider.checkCredentials({ aws_access_key_id: 'A', aws_secret_access_key: 'S' }), { ok: true });
    assert.deepEqual(bedrockProvider.checkCredentials({ aws_region_name: 'Frankfurt', model_id_prefix: 'u s', base_url: 'nope', aws_session_token: 7 }), {
      ok: false,
      errors: {
        aws_access_key_id: ['required'],
        aws_secret_access_key: ['required'],
        aws_session_token: ['expected a string'],
        aws_region_name: ['expected an AWS region name such as us-east-1'],
        model_id_prefix: ['expected an inference profile geography such as us, eu, apac or global'],
        base_url: ['expected a URL'],
      },
    });
  });

  it('targets the regional runtime endpoint with the URL-encoded model id', () => {
    assert.deepEqual(targetFor({ upstreamModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0' }), {
      url: 'https://bedrock-runtime.eu-west-3.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    assert.deepEqual(targetFor({ upstreamModel: 'amazon.nova-pro-v1:0', stream: true }), {
      url: 'https://bedrock-runtime.eu-west-3.amazonaws.com/model/amazon.nova-pro-v1%3A0/converse-stream',
      headers: { 'content-type': 'application/json', accept: 'application/vnd.amazon.eventstream' },
    });
    assert.equal(targetFor({ upstreamModel: 'amazon.titan-embed-text-v2:0', operation: 'embeddings' }).url,
      'https://bedrock-runtime.eu-west-3.amazonaws.com/model/amazon.titan-embed-text-v2%3A0/invoke');
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3';
    assert.equal(targetFor({ upstreamModel: arn, credentials: { ...credentials, model_id_prefix: 'us' } }).url,
      `https://bedrock-runtime.eu-west-3.amazonaws.com/model/${encodeURIComponent(arn)}/converse`);
  });

  it('defaults the region to us-east-1 and lets base_url replace the endpoint', () => {
    assert.match(targetFor({ upstreamModel: 'm', credentials: { aws_access_key_id: 'A', aws_secret_access_key: 'S' } }).url, /^https:\/\/bedrock-runtime\.us-east-1\.amazonaws\.com\/model\/m\/converse$/);
    assert.equal(targetFor({ upstreamModel: 'm', credentials: { ...credentials, base_url: 'http://127.0.0.1:9999/bedrock/' } }).url, 'http://127.0.0.1:9999/bedrock/model/m/converse');
  });

  it('turns model ids into inference profiles with model_id_prefix, and drops the price data\'s regional. marker', () => {
    const withPrefix = { ...credentials, model_id_prefix: 'eu.' };
    assert.match(targetFor({ upstreamModel: 'anthropic.claude-sonnet-4-20250514-v1:0', credentials: withPrefix }).url, /\/model\/eu\.anthropic\.claude-sonnet-4-20250514-v1%3A0\/converse$/);
    assert.match(targetFor({ upstreamModel: 'us.anthropic.claude-sonnet-4-20250514-v1:0', credentials: withPrefix }).url, /\/model\/us\.anthropic\./);
    assert.match(targetFor({ upstreamModel: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', credentials: withPrefix }).url, /\/model\/global\.anthropic\./);
    assert.match(targetFor({ upstreamModel: 'regional.anthropic.claude-3-5-haiku-20241022-v1:0' }).url, /\/model\/anthropic\.claude-3-5-haiku-20241022-v1%3A0\/converse$/);
    assert.match(targetFor({ upstreamModel: 'regional.anthropic.claude-3-5-haiku-20241022-v1:0', credentials: withPrefix }).url, /\/model\/eu\.anthropic\.claude-3-5-haiku/);
  });

  it('maps catalog names to Bedrock model ids', () => {
    assert.equal(bedrockProvider.upstreamModelFor?.('claude-sonnet-4-20250514'), 'anthropic.claude-sonnet-4-20250514-v1:0');
    assert.equal(bedrockProvider.upstreamModelFor?.('claude-3-5-sonnet-20240620'), 'anthropic.claude-3-5-sonnet-20240620-v1:0');
    assert.equal(bedrockProvider.upstreamModelFor?.('claude-3-5-sonnet-20241022'), 'anthropic.claude-3-5-sonnet-20241022-v2:0');
    assert.equal(bedrockProvider.upstreamModelFor?.('claude-future-9-20990101'), 'anthropic.claude-future-9-20990101-v1:0');
    assert.equal(bedrockProvider.upstreamModelFor?.('anthropic.claude-3-haiku-20240307-v1:0'), undefined);
    assert.equal(bedrockProvider.upstreamModelFor?.('gemini-2.5-flash'), undefined);
  });

  it('serves what the aws price data lists, except speech-to-speech models', () => {
    assert.equal(bedrockProvider.servesModel?.('claude-sonnet-4-20250514'), true);
    assert.equal(bedrockProvider.servesModel?.('amazon.nova-pro-v1:0'), true);
    assert.equal(bedrockProvider.servesModel?.('amazon.nova-sonic-v1:0'), false);
    assert.equal(bedrockProvider.servesModel?.('amazon.nova-2-sonic-v1:0'), false);
  });

  it('signs the exact request with SigV4 for service bedrock in the configured region', async () => {
    const withToken = { ...credentials, aws_session_token: 'FQoGZXIvYXdzEXAMPLE' };
    const target = targetFor({ upstreamModel: 'anthropic.claude-3-haiku-20240307-v1:0', credentials: withToken });
    const request = { method: 'POST' as const, url: target.url, headers: target.headers, body: '{"messages":[{"role":"user","content":[{"text":"Hi"}]}]}' };
    const signed = await bedrockProvider.authorize!(request, withToken);
    assert.equal(signed.body, request.body);
    assert.equal(signed.url, request.url);
    assert.equal(signed.headers['x-amz-security-token'], 'FQoGZXIvYXdzEXAMPLE');
    assert.match(signed.headers['x-amz-content-sha256'], /^[0-9a-f]{64}$/);
    const date = signed.headers['x-amz-date'];
    assert.match(signed.headers.authorization, new RegExp(
      `^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${date.slice(0, 8)}/eu-west-3/bedrock/aws4_request, ` +
      'SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$'));
    // Recomputed independently at the same instant, the signature is the same.
    const signingDate = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
    const expected = await new AwsRequestSigner({
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: credentials.aws_secret_access_key, sessionToken: 'FQoGZXIvYXdzEXAMPLE' },
      region: 'eu-west-3', service: 'bedrock',
    }).sign(request, signingDate);
    assert.equal(signed.headers.authorization, expected.headers.authorization);
  });
});
