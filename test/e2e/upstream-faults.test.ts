import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { API_KEY, fetchLog, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let mock: OpenAIMockUpstream;
let gateway: TestGateway;
let client: OpenAI;
const messages = [{ role: 'user' as const, content: 'Hi' }];

before(async () => {
  mock = await startOpenAIMock();
  gateway = await startTestGateway([
    'timeouts: { connect_s: 2, first_byte_s: 0.5, idle_stream_s: 5 }',
    'retries: { retry_enabled: false, num_retries: 0, retry_after: 0.2 }',
    'providers:',
    `  openai: { api_key: sk-upstream-openai, base_url: ${mock.url}/v1 }`,
  ].join('\n'));
  client = new OpenAI({ apiKey: API_KEY, baseURL: gateway.apiBase, maxRetries: 0 });
});

after(async () => {
  await gateway.stop();
  await mock.close();
});

async function rawChat(body: Record<string, unknown>) {
  return fetch(`${gateway.apiBase}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages, ...body }),
  });
}

test('an upstream error comes back with its status and message, and is logged', async () => {
  mock.script({ kind: 'status', status: 429, body: JSON.stringify({ error: { message: 'Rate limit reached for gpt-4o-mini', type: 'requests', param: null, code: 'rate_limit_exceeded' } }), headers: { 'retry-after': '7' } });
  const response = await rawChat({});
  assert.equal(response.status, 429);
  assert.equal(response.headers.get('retry-after'), '7');
  const body = await response.json() as { error: { message: string; code: string } };
  assert.equal(body.error.message, 'Rate limit reached for gpt-4o-mini');
  assert.equal(body.error.code, 'rate_limit_exceeded');
  const log = await fetchLog(gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.status, 'error');
  assert.equal(log.status_code, 429);
  assert.equal((log.attempts as unknown[]).length, 1);
});

test('a connection reset is a 502 in the OpenAI shape', async () => {
  mock.script({ kind: 'reset' });
  await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages }), (error: InstanceType<typeof OpenAI.APIError>) => {
    assert.equal(error.status, 502);
    assert.match(error.message, /Could not reach the upstream/);
    return true;
  });
});

test('an upstream that sends nothing hits the first-byte timeout: 504', async () => {
  mock.script({ kind: 'hang' });
  const response = await rawChat({});
  assert.equal(response.status, 504);
  assert.equal((await response.json() as { error: { code: string } }).error.code, 'upstream_timeout');
});

test('a stream cut midway ends with an error event, never a hang, and is logged as an error', async () => {
  mock.script({ kind: 'cut-stream', afterEvents: 3 });
  const { data: stream, response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }).withResponse();
  let text = '';
  await assert.rejects(async () => {
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  }, /mid-response|before it was complete/);
  assert.equal(text, 'Hello!');
  const log = await fetchLog(gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.status, 'error');
  assert.equal(log.status_code, 502);
  assert.deepEqual(log.completion_message, { role: 'assistant', content: 'Hello!' }, 'what was streamed is kept');
});

test('an error event inside the stream is relayed as an error event', async () => {
  mock.script({ kind: 'stream-error-event' });
  const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
  await assert.rejects(async () => {
    for await (const _chunk of stream) { /* drain */ }
  }, /The server had an error/);
});

test('a client that hangs up mid-stream aborts the upstream call and is logged', async () => {
  mock.script({ kind: 'slow-stream', delayMs: 100 });
  const closedBefore = mock.closedEarly.length;
  const response = await rawChat({ stream: true });
  const logId = response.headers.get('x-respan-log-id')!;
  const reader = response.body!.getReader();
  await reader.read();
  await reader.cancel();
  for (let attempt = 0; attempt < 100 && mock.closedEarly.length === closedBefore; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(mock.closedEarly.length, closedBefore + 1, 'the upstream connection was closed early');
  const log = await fetchLog(gateway, logId);
  assert.equal(log.status, 'error');
  assert.equal(log.status_code, 499);
});
