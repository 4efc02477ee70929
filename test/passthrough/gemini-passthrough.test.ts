import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError, GoogleGenAI } from '@google/genai';
import { readGeminiFixture } from '../../src/dialects/gemini/fixtures/read-fixture.ts';
import { API_KEY, fetchLog } from '../support/test-gateway.ts';
import { GEMINI_UPSTREAM_KEY, eventually, startPassthroughSetup, type PassthroughSetup } from './passthrough-test-setup.ts';

let setup: PassthroughSetup;

before(async () => {
  setup = await startPassthroughSetup();
});

after(async () => {
  await setup.stop();
});

const MODEL = 'gemini-2.5-flash';
/** Gemini 2.5 Flash list prices, USD per token (thinking is billed as output). */
const PRICE = { input: 0.3e-6, output: 2.5e-6 };

function clientFor(apiVersion: string): GoogleGenAI {
  return new GoogleGenAI({ apiKey: API_KEY, httpOptions: { baseUrl: `${setup.gateway.apiBase}/google/gemini`, apiVersion } });
}

function logIdOf(headers: Record<string, string> | undefined): string {
  const logId = headers?.['x-respan-log-id'];
  assert.ok(logId, 'the response names its log');
  return logId;
}

for (const apiVersion of ['v1beta', 'v1']) {
  describe(`@google/genai on /${apiVersion}`, () => {
    test('generateContent reaches Gemini with the gateway key and is logged with thinking tokens priced as output', async () => {
      const response = await clientFor(apiVersion).models.generateContent({ model: MODEL, contents: 'Hello' });
      assert.equal(response.text, 'Hello! How can I help you today?');
      const upstream = setup.gemini.lastRequest!;
      assert.equal(upstream.path, `/${apiVersion}/models/${MODEL}:generateContent`);
      assert.equal(upstream.headers['x-goog-api-key'], GEMINI_UPSTREAM_KEY);
      assert.deepEqual(upstream.body.contents, [{ role: 'user', parts: [{ text: 'Hello' }] }]);

      const log = await fetchLog(setup.gateway, logIdOf(response.sdkHttpResponse?.headers));
      assert.equal(log.log_type, 'passthrough');
      assert.equal(log.provider_id, 'gemini');
      assert.equal(log.model, MODEL);
      assert.equal(log.prompt_tokens, 4);
      assert.equal(log.completion_tokens, 9 + 24);
      assert.equal(log.reasoning_tokens, 24);
      assert.ok(Math.abs((log.cost as number) - (4 * PRICE.input + 33 * PRICE.output)) < 1e-12, `cost ${log.cost}`);
    });

    test('streamGenerateContent streams through and its usage comes from the last chunk', async () => {
      const stream = await clientFor(apiVersion).models.generateContentStream({ model: MODEL, contents: 'Hello' });
      let text = '';
      let logId: string | undefined;
      for await (const chunk of stream) {
        text += chunk.text ?? '';
        logId ??= chunk.sdkHttpResponse?.headers?.['x-respan-log-id'];
      }
      assert.equal(text, 'Hello! How can I help you today?');
      assert.equal(setup.gemini.lastRequest!.path, `/${apiVersion}/models/${MODEL}:streamGenerateContent?alt=sse`);
      const log = await fetchLog(setup.gateway, logIdOf({ 'x-respan-log-id': logId ?? '' }));
      assert.equal(log.stream, true);
      assert.equal(log.prompt_tokens, 4);
      assert.equal(log.completion_tokens, 9);
      assert.ok(Math.abs((log.cost as number) - (4 * PRICE.input + 9 * PRICE.output)) < 1e-12);
    });

    test('countTokens and embedContent pass through', async () => {
      const client = clientFor(apiVersion);
      const counted = await client.models.countTokens({ model: MODEL, contents: 'Hello' });
      assert.equal(counted.totalTokens, 4);
      assert.equal(setup.gemini.lastRequest!.path, `/${apiVersion}/models/${MODEL}:countTokens`);
      const countLog = await fetchLog(setup.gateway, logIdOf(counted.sdkHttpResponse?.headers));
      assert.equal(countLog.status, 'success');
      assert.equal(countLog.cost, 0);

      const embedded = await client.models.embedContent({ model: 'gemini-embedding-001', contents: ['first', 'second'] });
      assert.equal(embedded.embeddings?.length, 2);
      assert.equal(setup.gemini.lastRequest!.path, `/${apiVersion}/models/gemini-embedding-001:batchEmbedContents`);
      const embedLog = await fetchLog(setup.gateway, logIdOf(embedded.sdkHttpResponse?.headers));
      assert.equal(embedLog.model, 'gemini-embedding-001');
      assert.equal(embedLog.status, 'success');
      // The Gemini API reports no usage for embeddings, so none is logged (as on the router).
      assert.equal(embedLog.total_tokens, 0);
    });
  });
}

test('SSE bytes arrive unchanged, CRLF framing included', async () => {
  const response = await fetch(`${setup.gateway.apiBase}/google/gemini/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`, {
    method: 'POST',
    headers: { 'x-goog-api-key': API_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] }),
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/event-stream');
  assert.equal(await response.text(), readGeminiFixture('stream-text.sse'));
});

test('without alt=sse the streamed JSON array arrives unchanged and its usage is logged; ?key= works and is not forwarded', async () => {
  const response = await fetch(`${setup.gateway.apiBase}/google/gemini/v1beta/models/${MODEL}:streamGenerateContent?key=${API_KEY}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] }),
  });
  assert.equal(response.status, 200);
  assert.equal(await response.text(), readGeminiFixture('stream-array.json'));
  assert.equal(setup.gemini.lastRequest!.path, `/v1beta/models/${MODEL}:streamGenerateContent`);
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.prompt_tokens, 4);
  assert.equal(log.completion_tokens, 9);
  assert.deepEqual(log.completion_message, { role: 'model', parts: [{ text: 'Hello! How can I help you today?' }] });
});

test('gateway params are read from respan_params and the header and removed before forwarding', async () => {
  const response = await fetch(`${setup.gateway.apiBase}/google/gemini/v1beta/models/${MODEL}:generateContent`, {
    method: 'POST',
    headers: { 'x-goog-api-key': API_KEY, 'content-type': 'application/json', 'X-Data-Respan-Params': JSON.stringify({ thread_identifier: 'thread-g' }) },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hello' }] }], respan_params: { customer_identifier: 'gemini-user' } }),
  });
  assert.equal(response.status, 200);
  assert.deepEqual(Object.keys(setup.gemini.lastRequest!.body), ['contents']);
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.customer_identifier, 'gemini-user');
  assert.equal(log.thread_identifier, 'thread-g');
});

test('upstream errors reach the client as Google sent them, and are logged', async () => {
  setup.gemini.script({ kind: 'rate-limited', retryAfterSeconds: 38 });
  const error = await clientFor('v1beta').models.generateContent({ model: MODEL, contents: 'Hello' }).catch((caught: unknown) => caught);
  assert.ok(error instanceof ApiError, String(error));
  assert.equal(error.status, 429);
  assert.match(error.message, /RESOURCE_EXHAUSTED/);

  setup.gemini.script({ kind: 'rate-limited', retryAfterSeconds: 38 });
  const response = await fetch(`${setup.gateway.apiBase}/google/gemini/v1beta/models/${MODEL}:generateContent`, {
    method: 'POST',
    headers: { 'x-goog-api-key': API_KEY },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] }),
  });
  assert.equal(response.status, 429);
  assert.equal(response.headers.get('retry-after'), '38');
  assert.equal(await response.text(), readGeminiFixture('error-429-resource-exhausted.json'));
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.status, 'error');
  assert.equal(log.status_code, 429);
});

test('a wrong gateway key gets a Google-shaped 401', async () => {
  const client = new GoogleGenAI({ apiKey: 'not-a-gateway-key', httpOptions: { baseUrl: `${setup.gateway.apiBase}/google/gemini`, apiVersion: 'v1beta' } });
  const error = await client.models.generateContent({ model: MODEL, contents: 'Hello' }).catch((caught: unknown) => caught);
  assert.ok(error instanceof ApiError, String(error));
  assert.equal(error.status, 401);
  const response = await fetch(`${setup.gateway.apiBase}/google/gemini/v1beta/models/${MODEL}:generateContent`, { method: 'POST', body: '{}' });
  assert.deepEqual(await response.json(), { error: { code: 401, message: 'Missing API key: send it as "x-goog-api-key: KEY" or "?key=KEY"', status: 'UNAUTHENTICATED' } });
});

test('a client abort mid-stream aborts the upstream and is logged', async () => {
  setup.gemini.script({ kind: 'slow-stream', delayMs: 30 });
  const controller = new AbortController();
  const response = await fetch(`${setup.gateway.apiBase}/google/gemini/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`, {
    method: 'POST',
    headers: { 'x-goog-api-key': API_KEY },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] }),
    signal: controller.signal,
  });
  const closedBefore = setup.gemini.closedEarly.length;
  const reader = response.body!.getReader();
  await reader.read();
  controller.abort();
  await eventually(() => setup.gemini.closedEarly.length > closedBefore, 'the upstream connection to close');
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.status_code, 499);
  assert.equal(log.prompt_tokens, 4);
});
