import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeAnthropicError } from './decode-error.ts';
import { readFixture } from './fixtures/read-fixture.ts';

function decode(status: number, body: string, headers: Record<string, string> = {}) {
  return decodeAnthropicError({ status, headers: new Headers(headers), body });
}

describe('decodeAnthropicError', () => {
  it('400: the message, an OpenAI type, the Anthropic type as code, not retried; request-id passed back', () => {
    const error = decode(400, readFixture('error-400.json'), { 'request-id': 'req_011CSHoEeqs5C35K2UUqR7Fy', 'content-type': 'application/json' });
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 400);
    assert.equal(error.message, 'max_tokens: Field required');
    assert.equal(error.type, 'invalid_request_error');
    assert.equal(error.code, 'invalid_request_error');
    assert.equal(error.retryable, false);
    assert.equal(error.fallbackable, false);
    assert.deepEqual(error.headers, { 'request-id': 'req_011CSHoEeqs5C35K2UUqR7Fy' });
  });

  it('401: not retried, another provider may serve', () => {
    const error = decode(401, readFixture('error-401.json'));
    assert.equal(error.type, 'authentication_error');
    assert.equal(error.message, 'invalid x-api-key');
    assert.equal(error.retryable, false);
    assert.equal(error.fallbackable, true);
  });

  it('429: retried after retry-after, which goes back to the client', () => {
    const error = decode(429, readFixture('error-429.json'), { 'retry-after': '12', 'request-id': 'req_011CSHoG8tYc2e5RbX9kP3Nq' });
    assert.equal(error.status, 429);
    assert.equal(error.type, 'rate_limit_error');
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterMs, 12_000);
    assert.deepEqual(error.headers, { 'retry-after': '12', 'request-id': 'req_011CSHoG8tYc2e5RbX9kP3Nq' });
  });

  it('429 for a reached spend limit: no retry helps, a fallback may', () => {
    const error = decode(429, readFixture('error-429-spend-limit.json'));
    assert.equal(error.retryable, false);
    assert.equal(error.fallbackable, true);
  });

  it('529 overloaded: status 529, retryable', () => {
    const error = decode(529, readFixture('error-529.json'));
    assert.equal(error.status, 529);
    assert.equal(error.message, 'Overloaded');
    assert.equal(error.code, 'overloaded_error');
    assert.equal(error.type, 'api_error');
    assert.equal(error.retryable, true);
  });

  it('non-JSON and foreign shapes: the status stays, the body is quoted', () => {
    const html = decode(502, '<html><body>502 Bad Gateway</body></html>');
    assert.equal(html.status, 502);
    assert.equal(html.retryable, true);
    assert.equal(html.message, 'The upstream answered HTTP 502: <html><body>502 Bad Gateway</body></html>');
    assert.equal(decode(503, '').message, 'The upstream answered HTTP 503 with an empty body');
    assert.equal(decode(400, '{"message":"Malformed input request: extraneous key [stream] is not permitted"}').message, 'Malformed input request: extraneous key [stream] is not permitted');
    const vertex = decode(429, '{"error":{"code":429,"message":"Quota exceeded for aiplatform.googleapis.com","status":"RESOURCE_EXHAUSTED"}}');
    assert.equal(vertex.message, 'Quota exceeded for aiplatform.googleapis.com');
    assert.equal(vertex.code, 'RESOURCE_EXHAUSTED');
  });
});
