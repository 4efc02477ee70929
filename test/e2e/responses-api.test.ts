import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startAnthropicMock, type AnthropicMockUpstream } from '../mock-upstreams/anthropic-mock-upstream.ts';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { API_KEY, fetchLog, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let openai: OpenAIMockUpstream;
let anthropic: AnthropicMockUpstream;
let gateway: TestGateway;
let client: OpenAI;

before(async () => {
  openai = await startOpenAIMock();
  anthropic = await startAnthropicMock();
  gateway = await startTestGateway([
    'providers:',
    `  openai: { api_key: sk-upstream-openai, base_url: ${openai.url}/v1 }`,
    `  anthropic: { api_key: sk-ant-upstream, base_url: ${anthropic.url} }`,
  ].join('\n'));
  client = new OpenAI({ apiKey: API_KEY, baseURL: gateway.apiBase, maxRetries: 0 });
});

after(async () => {
  await gateway.stop();
  await openai.close();
  await anthropic.close();
});

test('OpenAI models are served natively: the Responses body reaches /v1/responses and comes back as sent', async () => {
  const { data, response } = await client.responses.create({ model: 'gpt-4o-mini', input: 'Tell me a story', instructions: 'Be brief' }).withResponse();
  assert.equal(data.id, 'resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b');
  assert.match(data.output_text, /^In a peaceful grove/);
  assert.equal(openai.lastRequest!.path, '/v1/responses');
  assert.deepEqual(openai.lastRequest!.body, { model: 'gpt-4o-mini', input: 'Tell me a story', instructions: 'Be brief' });
  const log = await fetchLog(gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.log_type, 'response');
  assert.equal(log.prompt_tokens, 36);
  assert.equal(log.completion_tokens, 87);
});

test('a native Responses stream is relayed event by event', async () => {
  const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'Tell me a story', stream: true });
  const types: string[] = [];
  let text = '';
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'response.output_text.delta') text += event.delta;
  }
  assert.equal(types[0], 'response.created');
  assert.equal(types.at(-1), 'response.completed');
  assert.match(text, /^In a peaceful grove/);
});

test('a Claude model answers a Responses client through translation, and previous_response_id continues it', async () => {
  const { data: first, response } = await client.responses.create({ model: 'claude-sonnet-4-20250514', input: 'Hello', instructions: 'Be kind' }).withResponse();
  assert.match(first.id, /^resp_[0-9a-f]{32}$/);
  assert.ok(first.output_text.length > 0);
  const upstream = anthropic.lastRequest!;
  assert.equal(upstream.path, '/v1/messages');
  assert.equal(upstream.body.system, 'Be kind');
  const log = await fetchLog(gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.provider_id, 'anthropic');
  assert.ok((log.cost as number) > 0);

  await client.responses.create({ model: 'claude-sonnet-4-20250514', input: 'And again', previous_response_id: first.id });
  const messages = anthropic.lastRequest!.body.messages as Array<{ role: string }>;
  assert.deepEqual(messages.map((message) => message.role), ['user', 'assistant', 'user'], 'the earlier turns are sent again');

  await assert.rejects(client.responses.create({ model: 'claude-sonnet-4-20250514', input: 'x', previous_response_id: 'resp_00000000000000000000000000000000' }),
    (error: InstanceType<typeof OpenAI.APIError>) => error.status === 400 && /not found/.test(error.message));
});

test('a translated stream produces typed Responses events ending in response.completed with usage', async () => {
  const stream = await client.responses.create({ model: 'claude-sonnet-4-20250514', input: 'Hello', stream: true });
  const types: string[] = [];
  let completed: OpenAI.Responses.Response | undefined;
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'response.completed') completed = event.response;
  }
  assert.deepEqual(types.slice(0, 2), ['response.created', 'response.in_progress']);
  assert.ok(types.includes('response.output_text.delta'));
  assert.ok(completed?.usage && completed.usage.input_tokens > 0);
});
