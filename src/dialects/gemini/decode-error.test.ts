import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readGeminiFixture } from './fixtures/read-fixture.ts';
import { geminiChatDialect } from './index.ts';

function decode(status: number, fixture: string, headers: Record<string, string> = {}) {
  return geminiChatDialect.decodeError({ status, headers: new Headers(headers), body: readGeminiFixture(fixture) });
}

describe('decodeGeminiError', () => {
  it('makes 429 RESOURCE_EXHAUSTED retryable, with the RetryInfo delay', () => {
    const error = decode(429, 'error-429-resource-exhausted.json');
    assert.equal(error.status, 429);
    assert.equal(error.kind, 'http');
    assert.equal(error.code, 'RESOURCE_EXHAUSTED');
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterMs, 38_000);
    assert.equal(error.headers['retry-after'], '38');
    assert.match(error.message, /^You exceeded your current quota/);
  });

  it('prefers a Retry-After header over RetryInfo', () => {
    const error = decode(429, 'error-429-resource-exhausted.json', { 'retry-after': '3' });
    assert.equal(error.retryAfterMs, 3000);
    assert.equal(error.headers['retry-after'], '3');
  });

  it('makes 503 UNAVAILABLE retryable', () => {
    const error = decode(503, 'error-503-unavailable.json');
    assert.equal(error.code, 'UNAVAILABLE');
    assert.equal(error.retryable, true);
    assert.equal(error.type, 'api_error');
  });

  it('keeps 400 INVALID_ARGUMENT final', () => {
    const error = decode(400, 'error-400-invalid-argument.json');
    assert.equal(error.status, 400);
    assert.equal(error.code, 'INVALID_ARGUMENT');
    assert.equal(error.type, 'invalid_request_error');
    assert.equal(error.retryable, false);
    assert.equal(error.fallbackable, false);
    assert.match(error.message, /additionalProperties/);
  });

  it('lets a refused API key (400 API_KEY_INVALID) fall back but not retry', () => {
    const error = decode(400, 'error-400-api-key-invalid.json');
    assert.equal(error.message, 'API key not valid. Please pass a valid API key.');
    assert.equal(error.retryable, false);
    assert.equal(error.fallbackable, true);
  });

  it('maps 403 PERMISSION_DENIED and 404 NOT_FOUND to fallbackable, not retryable', () => {
    for (const [status, fixture, code] of [[403, 'error-403-permission-denied.json', 'PERMISSION_DENIED'], [404, 'error-404-not-found.json', 'NOT_FOUND']] as const) {
      const error = decode(status, fixture);
      assert.equal(error.status, status);
      assert.equal(error.code, code);
      assert.equal(error.retryable, false);
      assert.equal(error.fallbackable, true);
    }
  });

  it('reads an error wrapped in an array, as the non-SSE stream sends it', () => {
    const error = geminiChatDialect.decodeError({ status: 500, headers: new Headers(), body: '[{"error": {"code": 500,"message": "Internal error encountered.","status": "INTERNAL"}}]' });
    assert.equal(error.message, 'Internal error encountered.');
    assert.equal(error.code, 'INTERNAL');
    assert.equal(error.retryable, true);
  });

  it('quotes a body that is not Google JSON', () => {
    const error = geminiChatDialect.decodeError({ status: 502, headers: new Headers(), body: '<html>Bad Gateway</html>' });
    assert.equal(error.message, 'The upstream answered HTTP 502: <html>Bad Gateway</html>');
    assert.equal(error.retryable, true);
  });
});
