import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { readFixture } from '../../src/dialects/anthropic-messages/fixtures/read-fixture.ts';
import { API_KEY, fetchLog } from '../support/test-gateway.ts';
import { ANTHROPIC_UPSTREAM_KEY, eventually, startPassthroughSetup, type PassthroughSetup } from './passthrough-test-setup.ts';

let setup: PassthroughSetup;
let client: Anthropic;

before(async () => {
  setup = await startPassthroughSetup();
  client = new Anthropic({ apiKey: API_KEY, baseURL: `${setup.gateway.apiBase}/anthropic`, maxRetries: 0 });
});

after(async () => {
  await setup.stop();
});

const MODEL = 'claude-sonnet-4-20250514';
/** Claude Sonnet 4 list prices, USD per token: input, output, cache read, cache write (5 min). */
const PRICE = { input: 3e-6, output: 15e-6, cacheRead: 0.3e-6, cacheWrite: 3.75e-6 };

test('a message comes back as Anthropic sent it, with the gateway key upstream and one priced log', async () => {
  const { data, response } = await client.messages
    .create({ model: MODEL, max_tokens: 1024, messages: [{ role: 'user', content: 'Hello, Claude' }] })
    .withResponse();
  assert.equal(data.id, 'msg_013Zva2CMHLNnXjNJJKqJ2EF');
  assert.deepEqual(data.content, [{ type: 'text', text: 'Hi! My name is Claude.' }]);
  assert.equal(data.usage.input_tokens, 2095);
  assert.equal(response.headers.get('request-id'), 'req_mock_1');
  const upstream = setup.anthropic.lastRequest!;
  assert.equal(upstream.path, '/v1/messages');
  assert.equal(upstream.headers['x-api-key'], ANTHROPIC_UPSTREAM_KEY);
  assert.match(String(upstream.headers['anthropic-version']), /^\d{4}-\d{2}-\d{2}$/, "the SDK's anthropic-version is forwarded");
  assert.deepEqual(upstream.body, { model: MODEL, max_tokens: 1024, messages: [{ role: 'user', content: 'Hello, Claude' }] });

  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.log_type, 'passthrough');
  assert.equal(log.model, MODEL);
  assert.equal(log.provider_id, 'anthropic');
  assert.equal(log.status, 'success');
  assert.equal(log.stream, false);
  assert.equal(log.prompt_tokens, 2095);
  assert.equal(log.completion_tokens, 503);
  assert.ok(Math.abs((log.cost as number) - (2095 * PRICE.input + 503 * PRICE.output)) < 1e-9, `cost ${log.cost}`);
  assert.deepEqual(log.completion_message, { role: 'assistant', content: [{ type: 'text', text: 'Hi! My name is Claude.' }] });
  assert.match(response.headers.get('x-respan-gateway-request-id') ?? '', /^[0-9a-f-]{36}$/);
});

test('the key may come as Authorization: Bearer; anthropic-* headers are forwarded', async () => {
  const bearer = new Anthropic({ authToken: API_KEY, apiKey: null, baseURL: `${setup.gateway.apiBase}/anthropic`, maxRetries: 0 });
  await bearer.messages.create(
    { model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] },
    { headers: { 'anthropic-beta': 'prompt-caching-2024-07-31,token-efficient-tools-2025-02-19', 'anthropic-version': '2023-06-01' } },
  );
  const upstream = setup.anthropic.lastRequest!;
  assert.equal(upstream.headers['anthropic-beta'], 'prompt-caching-2024-07-31,token-efficient-tools-2025-02-19');
  assert.equal(upstream.headers['anthropic-version'], '2023-06-01');
  assert.equal(upstream.headers['x-api-key'], ANTHROPIC_UPSTREAM_KEY);
  assert.equal(upstream.headers.authorization, undefined, 'the gateway key never reaches Anthropic');
});

test('a stream is forwarded event by event and logged with cache tokens and their prices', async () => {
  const { data: stream, response } = await client.messages
    .create({ model: MODEL, max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }], stream: true })
    .withResponse();
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.equal(response.headers.get('request-id'), 'req_mock_stream');
  const types: string[] = [];
  let text = '';
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
  }
  assert.equal(text, 'Hello! How can I help you today?');
  // The SDK hides `ping`; the bytes carried it (see the Gemini and Vertex tests for byte-level checks).
  assert.deepEqual(types, ['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);

  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.stream, true);
  assert.equal(log.status, 'success');
  assert.equal(log.prompt_tokens, 25 + 120 + 2048);
  assert.equal(log.completion_tokens, 15);
  assert.equal(log.cached_tokens, 2048);
  assert.equal(log.cache_creation_tokens, 120);
  const expected = 25 * PRICE.input + 2048 * PRICE.cacheRead + 120 * PRICE.cacheWrite + 15 * PRICE.output;
  assert.ok(Math.abs((log.cost as number) - expected) < 1e-9, `cost ${log.cost}, expected ${expected}`);
  assert.deepEqual(log.completion_message, { role: 'assistant', content: [{ type: 'text', text: 'Hello! How can I help you today?' }] });
  assert.equal(typeof log.time_to_first_token, 'number');
});

test('stream bytes reach the client exactly as Anthropic sent them, ping events included', async () => {
  const response = await fetch(`${setup.gateway.apiBase}/anthropic/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
  });
  assert.equal(response.status, 200);
  assert.equal(await response.text(), readFixture('stream-text.sse'));
});

test('tools pass through both ways and the tool_use answer is logged', async () => {
  const tools: Anthropic.Tool[] = [{ name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }];
  const { data, response } = await client.messages
    .create({ model: MODEL, max_tokens: 1024, tools, tool_choice: { type: 'auto' }, messages: [{ role: 'user', content: 'Weather in SF?' }] })
    .withResponse();
  assert.equal(data.stop_reason, 'tool_use');
  const toolUse = data.content.find((block) => block.type === 'tool_use');
  assert.deepEqual(toolUse?.type === 'tool_use' && toolUse.input, { location: 'San Francisco, CA', unit: 'celsius' });
  assert.deepEqual(setup.anthropic.lastRequest!.body.tools, tools);
  assert.deepEqual(setup.anthropic.lastRequest!.body.tool_choice, { type: 'auto' });
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.prompt_tokens, 482);
  assert.equal(log.completion_tokens, 128);
  assert.ok(Math.abs((log.cost as number) - (482 * PRICE.input + 128 * PRICE.output)) < 1e-9);
});

test('count_tokens is forwarded and logged without tokens or cost (Anthropic does not bill it)', async () => {
  const { data, response } = await client.messages
    .countTokens({ model: MODEL, messages: [{ role: 'user', content: 'Hello' }] })
    .withResponse();
  assert.equal(data.input_tokens, 2095);
  assert.equal(setup.anthropic.lastRequest!.path, '/v1/messages/count_tokens');
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.log_type, 'passthrough');
  assert.equal(log.status, 'success');
  assert.equal(log.total_tokens, 0);
  assert.equal(log.cost, 0);
});

test('a 429 reaches the SDK as Anthropic sent it: RateLimitError, retry-after, request id; logged as an error', async () => {
  setup.anthropic.script({ kind: 'rate-limited', retryAfterSeconds: 7 });
  const error = await client.messages.create({ model: MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }).then(
    () => assert.fail('expected a 429'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof Anthropic.RateLimitError);
  assert.equal(error.status, 429);
  assert.equal(error.type, 'rate_limit_error');
  assert.match(String(error.apiMessage), /^This request would exceed the rate limit/);
  assert.equal(error.headers?.get('retry-after'), '7');
  assert.equal(error.requestID, 'req_mock_1');
  const log = await fetchLog(setup.gateway, error.headers!.get('x-respan-log-id')!);
  assert.equal(log.status, 'error');
  assert.equal(log.status_code, 429);
  assert.match(String(log.error_message), /exceed the rate limit/);
});

test('an overloaded 529 reaches the SDK as OverloadedError', async () => {
  setup.anthropic.script({ kind: 'overloaded' });
  const error = await client.messages.create({ model: MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }).catch((caught: unknown) => caught);
  assert.ok(error instanceof Anthropic.OverloadedError, String(error));
  assert.equal(error.status, 529);
  assert.equal(error.type, 'overloaded_error');
  assert.equal(error.apiMessage, 'Overloaded');
  const log = await fetchLog(setup.gateway, error.headers!.get('x-respan-log-id')!);
  assert.equal(log.status_code, 529);
});

test('gateway params from metadata.respan_params, respan_params and the header are logged, never forwarded', async () => {
  const header = Buffer.from(JSON.stringify({ thread_identifier: 'thread-7', custom_identifier: 'from-header' })).toString('base64');
  const { response } = await client.messages.create(
    {
      model: MODEL,
      max_tokens: 32,
      messages: [{ role: 'user', content: 'Hi' }],
      metadata: { user_id: 'end-user-1', respan_params: { customer_identifier: 'customer-9', metadata: { feature: 'support' } } } as Anthropic.Metadata,
      // @ts-expect-error gateway parameters travel as an extra body field
      respan_params: { custom_identifier: 'ticket-3' },
    },
    { headers: { 'X-Data-Respan-Params': header } },
  ).withResponse();
  const upstream = setup.anthropic.lastRequest!.body;
  assert.deepEqual(upstream, { model: MODEL, max_tokens: 32, messages: [{ role: 'user', content: 'Hi' }], metadata: { user_id: 'end-user-1' } });
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.customer_identifier, 'customer-9');
  assert.equal(log.thread_identifier, 'thread-7');
  assert.equal(log.custom_identifier, 'ticket-3');
  assert.deepEqual(log.metadata, { feature: 'support' });

  await client.messages.create({
    model: MODEL, max_tokens: 32, messages: [{ role: 'user', content: 'Hi' }],
    metadata: { respan_params: { customer_identifier: 'customer-9' } } as Anthropic.Metadata,
  });
  assert.equal('metadata' in setup.anthropic.lastRequest!.body, false, 'a metadata object left empty is dropped');
});

test('a client abort mid-stream aborts the upstream and is logged', async () => {
  setup.anthropic.script({ kind: 'slow-stream', delayMs: 30 });
  const controller = new AbortController();
  const { data: stream, response } = await client.messages
    .create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }], stream: true }, { signal: controller.signal })
    .withResponse();
  const closedBefore = setup.anthropic.closedEarly.length;
  try {
    for await (const event of stream) {
      if (event.type === 'message_start') controller.abort();
    }
  } catch (error) {
    assert.ok(error instanceof Anthropic.APIUserAbortError, String(error));
  }
  await eventually(() => setup.anthropic.closedEarly.length > closedBefore, 'the upstream connection to close');
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.status, 'error');
  assert.equal(log.status_code, 499);
  assert.equal(log.prompt_tokens, 25 + 120 + 2048, 'usage read before the abort is kept');
});

test('an error event inside the stream reaches the client and logs the request as failed', async () => {
  setup.anthropic.script({ kind: 'stream-error-event' });
  const { data: stream, response } = await client.messages
    .create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }], stream: true })
    .withResponse();
  const error = await (async () => {
    for await (const _event of stream) { /* read to the error */ }
  })().catch((caught: unknown) => caught);
  assert.ok(error instanceof Anthropic.APIError, String(error));
  assert.match(String(error.message), /Overloaded/);
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.status, 'error');
  assert.equal(log.status_code, 529);
});

test('an upstream stream cut midway cuts the client stream too and is logged', async () => {
  setup.anthropic.script({ kind: 'cut-stream', afterEvents: 3 });
  const { data: stream, response } = await client.messages
    .create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }], stream: true })
    .withResponse();
  await assert.rejects(async () => {
    for await (const _event of stream) { /* read to the cut */ }
  });
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.status, 'error');
  assert.equal(log.status_code, 502);
});

test('an unreachable upstream is a 502 in Anthropic error format, logged', async () => {
  setup.anthropic.script({ kind: 'reset' });
  const error = await client.messages.create({ model: MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }).catch((caught: unknown) => caught);
  assert.ok(error instanceof Anthropic.InternalServerError, String(error));
  assert.equal(error.status, 502);
  assert.equal(error.type, 'api_error');
  const log = await fetchLog(setup.gateway, error.headers!.get('x-respan-log-id')!);
  assert.equal(log.status_code, 502);
  assert.equal((log.attempts as unknown[]).length, 1, 'a passthrough is never retried');
});

test('key limits apply: a refused request is an Anthropic 429 with retry-after, and never reaches Anthropic', async () => {
  const created = await setup.gateway.admin('/api/api-keys/', { body: { name: 'passthrough-limited', limits: [{ metric: 'requests', window: 'minute', block_at: 1 }] } });
  const { key } = await created.json() as { key: string };
  const limited = new Anthropic({ apiKey: key, baseURL: `${setup.gateway.apiBase}/anthropic`, maxRetries: 0 });
  await limited.messages.create({ model: MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] });
  const upstreamCalls = setup.anthropic.requests.length;
  const error = await limited.messages.create({ model: MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }).catch((caught: unknown) => caught);
  assert.ok(error instanceof Anthropic.RateLimitError, String(error));
  assert.equal(error.type, 'rate_limit_error');
  assert.match(String(error.apiMessage), /request/i);
  assert.match(String(error.apiMessage), /minute/);
  assert.ok(Number(error.headers?.get('retry-after')) >= 1);
  assert.equal(setup.anthropic.requests.length, upstreamCalls);
});

test('gateway errors come back in Anthropic error format', async () => {
  const wrongKey = new Anthropic({ apiKey: 'sk-not-a-gateway-key', baseURL: `${setup.gateway.apiBase}/anthropic`, maxRetries: 0 });
  const error = await wrongKey.messages.create({ model: MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }).catch((caught: unknown) => caught);
  assert.ok(error instanceof Anthropic.AuthenticationError);
  assert.equal(error.type, 'authentication_error');
  assert.equal(error.apiMessage, 'Invalid API key');

  const unknownProvider = await client.messages.create(
    { model: MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] },
    { headers: { 'X-Respan-Route-Provider': 'openai' } },
  ).catch((caught: unknown) => caught);
  assert.ok(unknownProvider instanceof Anthropic.BadRequestError);
  assert.equal(unknownProvider.type, 'invalid_request_error');
});
