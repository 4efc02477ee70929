import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { readFixture } from '../../src/dialects/anthropic-messages/fixtures/read-fixture.ts';
import { readGeminiFixture } from '../../src/dialects/gemini/fixtures/read-fixture.ts';
import { API_KEY, fetchLog } from '../support/test-gateway.ts';
import { startPassthroughSetup, type PassthroughSetup } from './passthrough-test-setup.ts';

let setup: PassthroughSetup;

before(async () => {
  setup = await startPassthroughSetup();
});

after(async () => {
  await setup.stop();
});

/** The client's path names its own project and location; the gateway calls its configured ones. */
const CLIENT_PREFIX = '/v1/projects/client-project/locations/us-central1/publishers';
const UPSTREAM_PREFIX = '/v1/projects/gateway-project/locations/us-east5/publishers';

function vertexCall(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${setup.gateway.apiBase}/google/vertexai${CLIENT_PREFIX}/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

test('Gemini generateContent on Vertex: the gateway mints the OAuth token and uses its own project', async () => {
  const response = await vertexCall('google/models/gemini-2.5-flash:generateContent', { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] });
  assert.equal(response.status, 200);
  assert.equal(await response.text(), readGeminiFixture('generate-content-text.json'));
  const upstream = setup.vertex.lastRequest!;
  assert.equal(upstream.path, `${UPSTREAM_PREFIX}/google/models/gemini-2.5-flash:generateContent`);
  assert.match(String(upstream.headers.authorization), /^Bearer ya29\.mock-\d+$/);
  assert.ok(setup.vertex.tokenRequests >= 1);

  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.log_type, 'passthrough');
  assert.equal(log.provider_id, 'vertex_ai');
  assert.equal(log.model, 'gemini-2.5-flash');
  assert.equal(log.prompt_tokens, 4);
  assert.equal(log.completion_tokens, 33);
  assert.ok(Math.abs((log.cost as number) - (4 * 0.3e-6 + 33 * 2.5e-6)) < 1e-12, `cost ${log.cost}`);
});

test('Gemini streamGenerateContent on Vertex streams the SSE bytes unchanged', async () => {
  const response = await vertexCall('google/models/gemini-2.5-flash:streamGenerateContent?alt=sse', { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] });
  assert.equal(await response.text(), readGeminiFixture('stream-text.sse'));
  assert.equal(setup.vertex.lastRequest!.path, `${UPSTREAM_PREFIX}/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse`);
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.stream, true);
  assert.equal(log.completion_tokens, 9);
});

test('Claude rawPredict on Vertex: the Anthropic body and answer pass as they are, priced on Vertex', async () => {
  const body = { anthropic_version: 'vertex-2023-10-16', max_tokens: 256, messages: [{ role: 'user', content: 'Hello' }] };
  const response = await vertexCall('anthropic/models/claude-sonnet-4@20250514:rawPredict', body);
  assert.equal(response.status, 200);
  assert.equal(await response.text(), readFixture('message-text.json'));
  const upstream = setup.vertex.lastRequest!;
  assert.equal(upstream.path, `${UPSTREAM_PREFIX}/anthropic/models/claude-sonnet-4@20250514:rawPredict`);
  assert.deepEqual(upstream.body, body);
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.provider_id, 'vertex_ai');
  assert.equal(log.model, 'claude-sonnet-4@20250514');
  assert.equal(log.prompt_tokens, 2095);
  assert.equal(log.completion_tokens, 503);
  assert.ok(Math.abs((log.cost as number) - (2095 * 3e-6 + 503 * 15e-6)) < 1e-9, `cost ${log.cost}`);
});

test('Claude streamRawPredict on Vertex streams unchanged and logs cache tokens', async () => {
  const response = await vertexCall('anthropic/models/claude-sonnet-4@20250514:streamRawPredict', {
    anthropic_version: 'vertex-2023-10-16', max_tokens: 256, stream: true, messages: [{ role: 'user', content: 'Hello' }],
  });
  assert.equal(await response.text(), readFixture('stream-text.sse'));
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.cached_tokens, 2048);
  assert.equal(log.cache_creation_tokens, 120);
  assert.equal(log.completion_tokens, 15);
});

test('Vertex errors come back in Google format; unknown methods are a Google 404', async () => {
  setup.vertex.script({ kind: 'unavailable' });
  const unavailable = await vertexCall('google/models/gemini-2.5-flash:generateContent', { contents: [] });
  assert.equal(unavailable.status, 503);
  assert.equal(await unavailable.text(), readGeminiFixture('error-503-unavailable.json'));

  const unknown = await vertexCall('google/models/gemini-2.5-flash:deleteEverything', {});
  assert.equal(unknown.status, 404);
  assert.equal(((await unknown.json()) as { error: { status: string } }).error.status, 'NOT_FOUND');
});

const anthropicClient = () => new Anthropic({ apiKey: API_KEY, baseURL: `${setup.gateway.apiBase}/anthropic`, maxRetries: 0 });
const MESSAGE = { model: 'claude-sonnet-4-20250514', max_tokens: 128, messages: [{ role: 'user' as const, content: 'Hello' }] };

test('X-Respan-Route-Provider: vertex_ai serves an Anthropic Messages call from Claude on Vertex', async () => {
  const { data, response } = await anthropicClient().messages
    .create(MESSAGE, { headers: { 'X-Respan-Route-Provider': 'vertex_ai', 'anthropic-beta': 'context-1m-2025-08-07' } })
    .withResponse();
  assert.equal(data.content[0].type === 'text' && data.content[0].text, 'Hi! My name is Claude.');
  const upstream = setup.vertex.lastRequest!;
  assert.equal(upstream.path, `${UPSTREAM_PREFIX}/anthropic/models/claude-sonnet-4@20250514:rawPredict`);
  assert.deepEqual(upstream.body, { max_tokens: 128, messages: MESSAGE.messages, anthropic_version: 'vertex-2023-10-16' });
  assert.equal(upstream.headers['anthropic-beta'], 'context-1m-2025-08-07');
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.provider_id, 'vertex_ai');
  assert.equal(log.model, 'claude-sonnet-4-20250514');
  assert.ok((log.cost as number) > 0);

  const stream = await anthropicClient().messages.create({ ...MESSAGE, stream: true }, { headers: { 'X-Respan-Route-Provider': 'vertex_ai' } });
  let text = '';
  for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
  assert.equal(text, 'Hello! How can I help you today?');
  assert.equal(setup.vertex.lastRequest!.path, `${UPSTREAM_PREFIX}/anthropic/models/claude-sonnet-4@20250514:streamRawPredict`);
});

test('X-Respan-Route-Provider: bedrock serves it from InvokeModel, its event stream re-framed as Anthropic SSE', async () => {
  const { data, response } = await anthropicClient().messages
    .create(MESSAGE, { headers: { 'X-Respan-Route-Provider': 'bedrock', 'anthropic-beta': 'token-efficient-tools-2025-02-19' } })
    .withResponse();
  assert.equal(data.id, 'msg_013Zva2CMHLNnXjNJJKqJ2EF');
  const upstream = setup.bedrock.lastRequest!;
  assert.equal(upstream.modelId, 'anthropic.claude-sonnet-4-20250514-v1:0');
  assert.match(upstream.path, /\/invoke$/);
  assert.deepEqual(upstream.body, {
    max_tokens: 128, messages: MESSAGE.messages, anthropic_version: 'bedrock-2023-05-31', anthropic_beta: ['token-efficient-tools-2025-02-19'],
  });
  const log = await fetchLog(setup.gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.provider_id, 'bedrock');
  assert.equal(log.prompt_tokens, 2095);
  assert.ok(Math.abs((log.cost as number) - (2095 * 3e-6 + 503 * 15e-6)) < 1e-9, `cost ${log.cost}`);

  const { data: stream, response: streamResponse } = await anthropicClient().messages
    .create({ ...MESSAGE, stream: true }, { headers: { 'X-Respan-Route-Provider': 'bedrock' } })
    .withResponse();
  let text = '';
  for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
  assert.equal(text, 'Hello! How can I help you today?');
  assert.match(setup.bedrock.lastRequest!.path, /\/invoke-with-response-stream$/);
  assert.equal('stream' in setup.bedrock.lastRequest!.body, false);
  const streamLog = await fetchLog(setup.gateway, streamResponse.headers.get('x-respan-log-id')!);
  assert.equal(streamLog.status, 'success');
  assert.equal(streamLog.cached_tokens, 2048);
  assert.equal(streamLog.completion_tokens, 15);

  setup.bedrock.throttle();
  const error = await anthropicClient().messages.create(MESSAGE, { headers: { 'X-Respan-Route-Provider': 'bedrock' } }).catch((caught: unknown) => caught);
  assert.ok(error instanceof Anthropic.RateLimitError, String(error));
  assert.equal(error.type, 'rate_limit_error');
  assert.equal(error.apiMessage, 'Too many requests, please wait before trying again.');
});
