import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeOpenAIError } from './decode-error.ts';
import { readFixture } from './fixtures/read-fixture.ts';

function decode(status: number, fixture: string, headers: Record<string, string> = {}) {
  return decodeOpenAIError({ status, headers: new Headers(headers), body: readFixture(fixture) });
}

describe('decodeOpenAIError', () => {
  it('400: not retried, not fallen back, with type, code and param', () => {
    const error = decode(400, 'error-400.json', { 'x-request-id': 'req_0c3f1a', 'content-type': 'application/json' });
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 400);
    assert.equal(error.message, "Invalid type for 'temperature': expected a decimal, but got a string instead.");
    assert.equal(error.type, 'invalid_request_error');
    assert.equal(error.code, 'invalid_type');
    assert.equal(error.param, 'temperature');
    assert.equal(error.retryable, false);
    assert.equal(error.fallbackable, false);
    assert.deepEqual(error.headers, { 'x-request-id': 'req_0c3f1a' });
  });

  it('401: not retried, but another provider may serve', () => {
    const error = decode(401, 'error-401.json');
    assert.equal(error.code, 'invalid_api_key');
    assert.equal(error.param, null);
    assert.equal(error.retryable, false);
    assert.equal(error.fallbackable, true);
  });

  it('429: retried after the delay the upstream asked for', () => {
    const error = decode(429, 'error-429.json', { 'retry-after': '2', 'retry-after-ms': '1920', 'x-request-id': 'req_9d' });
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterMs, 1920);
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.equal(error.type, 'tokens');
    assert.deepEqual(error.headers, { 'retry-after': '2', 'x-request-id': 'req_9d' });
  });

  it('429 insufficient_quota: no retry helps, a fallback may', () => {
    const error = decode(429, 'error-429-insufficient-quota.json');
    assert.equal(error.retryable, false);
    assert.equal(error.fallbackable, true);
  });

  it('500: retryable, the OpenAI type kept', () => {
    const error = decode(500, 'error-500.json');
    assert.equal(error.retryable, true);
    assert.equal(error.type, 'server_error');
    assert.equal(error.code, null);
  });

  it("Azure content filter: code and param kept, the x-ms-retry-after-ms header read", () => {
    const error = decode(400, 'azure-error-400-content-filter.json', { 'x-ms-retry-after-ms': '500' });
    assert.equal(error.code, 'content_filter');
    assert.equal(error.param, 'prompt');
    assert.equal(error.type, 'invalid_request_error', 'a null type falls back to the one for the status');
    assert.match(error.message, /content management policy/);
    assert.equal(error.retryAfterMs, 500);
  });

  it("Mistral's validation errors: a readable message naming the field", () => {
    const error = decode(422, 'mistral-error-422.json');
    assert.equal(error.message, 'stream_options.include_usage: Extra inputs are not permitted');
    assert.equal(error.param, 'stream_options.include_usage');
    assert.equal(error.type, 'invalid_request_error');
  });

  it("Ollama's {\"error\": \"text\"}", () => {
    const error = decode(404, 'ollama-error-404.json');
    assert.equal(error.message, 'model "llama3.3" not found, try pulling it first');
    assert.equal(error.type, 'not_found_error');
    assert.equal(error.fallbackable, true);
  });

  it('FastAPI {"detail": "text"} and a top-level message', () => {
    const detail = decodeOpenAIError({ status: 401, headers: new Headers(), body: '{"detail":"Invalid API key"}' });
    assert.equal(detail.message, 'Invalid API key');
    const message = decodeOpenAIError({ status: 503, headers: new Headers(), body: '{"message":"Service overloaded","code":"overloaded"}' });
    assert.equal(message.message, 'Service overloaded');
    assert.equal(message.code, 'overloaded');
    assert.equal(message.retryable, true);
  });

  it('a non-JSON body is quoted, an empty one named', () => {
    const html = decode(502, 'html-error-502.html');
    assert.match(html.message, /^The upstream answered HTTP 502: <html>/);
    assert.equal(html.retryable, true);
    const empty = decodeOpenAIError({ status: 503, headers: new Headers(), body: '' });
    assert.equal(empty.message, 'The upstream answered HTTP 503 with an empty body');
    const long = decodeOpenAIError({ status: 500, headers: new Headers(), body: 'x'.repeat(5000) });
    assert.ok(long.message.length < 400);
  });

  it('an unknown JSON shape falls back to quoting the body', () => {
    const error = decodeOpenAIError({ status: 500, headers: new Headers(), body: '{"status":"failed"}' });
    assert.equal(error.message, 'The upstream answered HTTP 500: {"status":"failed"}');
  });
});
