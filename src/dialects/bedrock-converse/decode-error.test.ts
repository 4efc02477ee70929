import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readHttpFixture } from './fixtures/read-fixture.ts';
import { bedrockConverseDialect, decodeConverseStreamException } from './index.ts';

describe('decodeConverseError', () => {
  it('reads ThrottlingException as a retryable 429 with the request id passed back', () => {
    const error = bedrockConverseDialect.decodeError(readHttpFixture('error-429-throttling.http'));
    assert.equal(error.status, 429);
    assert.equal(error.kind, 'http');
    assert.equal(error.message, 'Too many requests, please wait before trying again.');
    assert.equal(error.code, 'ThrottlingException');
    assert.equal(error.type, 'rate_limit_error');
    assert.equal(error.retryable, true);
    assert.deepEqual(error.headers, { 'x-amzn-requestid': '7f1c2a9e-3b4d-4e8f-9a1b-2c3d4e5f6a7b' });
  });

  it('reads ValidationException as a final 400', () => {
    const error = bedrockConverseDialect.decodeError(readHttpFixture('error-400-validation.http'));
    assert.deepEqual([error.status, error.code, error.retryable, error.fallbackable], [400, 'ValidationException', false, false]);
    assert.equal(error.message, 'The provided model identifier is invalid.');
  });

  it('reads access errors as 403s another provider may not share', () => {
    const denied = bedrockConverseDialect.decodeError(readHttpFixture('error-403-access-denied.http'));
    assert.deepEqual([denied.status, denied.code, denied.retryable, denied.fallbackable], [403, 'AccessDeniedException', false, true]);
    const badKey = bedrockConverseDialect.decodeError(readHttpFixture('error-403-unrecognized-client.http'));
    assert.equal(badKey.code, 'UnrecognizedClientException');
    assert.equal(badKey.message, 'The security token included in the request is invalid.');
  });

  it('maps the documented statuses and the policy exceptions', () => {
    const decode = (status: number, errorType: string) => bedrockConverseDialect.decodeError({
      status, headers: new Headers({ 'x-amzn-errortype': `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/` }), body: '{"message":"m"}',
    });
    assert.equal(decode(404, 'ResourceNotFoundException').fallbackable, true);
    assert.equal(decode(408, 'ModelTimeoutException').retryable, true);
    assert.equal(decode(429, 'ModelNotReadyException').retryable, true);
    assert.equal(decode(500, 'InternalServerException').retryable, true);
    assert.equal(decode(503, 'ServiceUnavailableException').retryable, true);
    assert.deepEqual([decode(400, 'ServiceQuotaExceededException').retryable, decode(400, 'ServiceQuotaExceededException').status], [true, 400]);
    assert.deepEqual([decode(424, 'ModelErrorException').retryable, decode(424, 'ModelErrorException').fallbackable], [false, true]);
  });

  it('falls back to __type and to the raw body', () => {
    const typed = bedrockConverseDialect.decodeError({ status: 400, headers: new Headers(), body: '{"__type":"com.amazon.coral.validate#ValidationException","Message":"bad"}' });
    assert.deepEqual([typed.code, typed.message], ['ValidationException', 'bad']);
    const html = bedrockConverseDialect.decodeError({ status: 502, headers: new Headers(), body: '<html>Bad Gateway</html>' });
    assert.equal(html.message, 'The upstream answered HTTP 502: <html>Bad Gateway</html>');
    assert.equal(html.retryable, true);
  });
});

describe('decodeConverseStreamException', () => {
  it('maps stream exceptions to statuses and retry rules', () => {
    const throttled = decodeConverseStreamException('throttlingException', '{"message":"Too many tokens, please wait before trying again."}');
    assert.deepEqual([throttled.status, throttled.code, throttled.retryable], [429, 'ThrottlingException', true]);
    assert.equal(throttled.message, 'Too many tokens, please wait before trying again.');
    assert.equal(decodeConverseStreamException('modelStreamErrorException', '{"message":"x","originalStatusCode":500}').status, 502);
    assert.equal(decodeConverseStreamException('serviceUnavailableException', '{}').status, 503);
    assert.deepEqual([decodeConverseStreamException('validationException', '{"message":"x"}').retryable], [false]);
    const unknown = decodeConverseStreamException('InternalFailure', '{"message":"An internal error occurred"}');
    assert.deepEqual([unknown.status, unknown.retryable], [500, true]);
  });
});
