import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { API_KEY, fetchLog, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let mock: OpenAIMockUpstream;
let gateway: TestGateway;
let client: OpenAI;

before(async () => {
  mock = await startOpenAIMock();
  gateway = await startTestGateway([
    'providers:',
    `  openai: { api_key: sk-upstream-openai, base_url: ${mock.url}/v1 }`,
    `  azure: { api_key: azure-upstream-key, api_base: ${mock.url}, api_version: 2024-10-21 }`,
    'models:',
    '  - { model_name: fast, base_model_name: gpt-4o-mini }',
  ].join('\n'));
  client = new OpenAI({ apiKey: API_KEY, baseURL: gateway.apiBase, maxRetries: 0 });
});

after(async () => {
  await gateway.stop();
  await mock.close();
});

test('non-stream chat completion reaches the upstream with its own key and comes back byte for byte', async () => {
  const { data, response } = await client.chat.completions
    .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.3 })
    .withResponse();
  assert.equal(data.choices[0].message.content, 'Hello! How can I assist you today?');
  assert.equal(data.usage?.total_tokens, 29);
  const upstream = mock.lastRequest!;
  assert.equal(upstream.path, '/v1/chat/completions');
  assert.equal(upstream.headers.authorization, 'Bearer sk-upstream-openai');
  assert.deepEqual(upstream.body, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.3 });
  assert.match(response.headers.get('x-respan-gateway-request-id') ?? '', /^[0-9a-f-]{36}$/);

  const log = await fetchLog(gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.model, 'gpt-4o-mini');
  assert.equal(log.provider_id, 'openai');
  assert.equal(log.status, 'success');
  assert.equal(log.api_key, 'team-a');
  assert.equal(log.prompt_tokens, 19);
  assert.equal(log.completion_tokens, 10);
  assert.ok((log.cost as number) > 0, 'a priced model has a cost');
});

test('gateway params from all channels are logged and never forwarded', async () => {
  const header = Buffer.from(JSON.stringify({ thread_identifier: 'thread-9' })).toString('base64');
  const { response } = await client.chat.completions.create(
    {
      model: 'fast',
      messages: [{ role: 'user', content: 'Hi' }],
      // @ts-expect-error gateway parameters travel as extra body fields
      customer_identifier: 'user-42',
      metadata: { feature: 'chat' },
      respan_params: { custom_identifier: 'ticket-1' },
    },
    { headers: { 'X-Data-Respan-Params': header } },
  ).withResponse();
  assert.deepEqual(Object.keys(mock.lastRequest!.body).sort(), ['messages', 'model']);
  assert.equal(mock.lastRequest!.body.model, 'gpt-4o-mini', 'the alias resolves to its base model');
  const log = await fetchLog(gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.customer_identifier, 'user-42');
  assert.equal(log.thread_identifier, 'thread-9');
  assert.equal(log.custom_identifier, 'ticket-1');
  assert.deepEqual(log.metadata, { feature: 'chat' });
});

test('streams arrive as chat.completion.chunk events; usage only when asked for, but always logged', async () => {
  const { data: stream, response } = await client.chat.completions
    .create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true })
    .withResponse();
  let text = '';
  let sawUsage = false;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    if (chunk.usage) sawUsage = true;
  }
  assert.equal(text, 'Hello! How can I help?');
  assert.equal(sawUsage, false);
  assert.deepEqual(mock.lastRequest!.body.stream_options, { include_usage: true }, 'usage is always requested upstream');
  const log = await fetchLog(gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.stream, true);
  assert.equal(log.total_tokens, 16);
  assert.deepEqual(log.completion_message, { role: 'assistant', content: 'Hello! How can I help?' });
  assert.equal(typeof log.time_to_first_token, 'number');

  const withUsage = await client.chat.completions.create({
    model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true },
  });
  let usage;
  for await (const chunk of withUsage) usage = chunk.usage ?? usage;
  assert.equal(usage?.total_tokens, 16);
});

test('Azure deployments: deployment URL, api-key header, and the empty-choices opening chunk', async () => {
  const completion = await client.chat.completions.create({ model: 'azure/my-gpt4o', messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal(completion.choices[0].message.content, 'Hello! How can I assist you today?');
  assert.equal(mock.lastRequest!.path, '/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21');
  assert.equal(mock.lastRequest!.headers['api-key'], 'azure-upstream-key');
  assert.equal(mock.lastRequest!.headers.authorization, undefined);

  const stream = await client.chat.completions.create({ model: 'azure/my-gpt4o', messages: [{ role: 'user', content: 'Hi' }], stream: true });
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  assert.deepEqual(chunks[0].choices, [], 'the prompt-filter chunk passes through');
  assert.ok(chunks.some((chunk) => chunk.choices[0]?.delta?.content === 'Hi'));
});

test('embeddings: float and base64, as the SDK asks', async () => {
  const floats = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float' });
  assert.deepEqual(floats.data[1].embedding, [0.0023064255, -0.009327292, 1.015797347]);
  assert.equal(mock.lastRequest!.body.encoding_format, 'float');
  // The SDK asks for base64 by default and decodes it back into numbers.
  const decoded = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'a' });
  assert.equal(mock.lastRequest!.body.encoding_format, 'base64');
  assert.equal(decoded.data[0].embedding.length, 3);
  assert.ok(Math.abs(decoded.data[0].embedding[0] - 0.0023064255) < 1e-6);
});

test('models: the OpenAI list includes catalog models and aliases; the public catalog has prices', async () => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  for (const id of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1-mini', 'text-embedding-3-small', 'fast']) assert.ok(ids.includes(id), `${id} listed`);
  const catalog = await (await fetch(`${gateway.apiBase}/models/public`)).json() as { results: Array<Record<string, unknown>> };
  const gpt4o = catalog.results.find((entry) => entry.model_name === 'gpt-4o');
  assert.equal(gpt4o?.provider_id, 'openai');
  assert.equal(gpt4o?.input_cost, 2.5);
  assert.equal(gpt4o?.output_cost, 10);
  assert.equal(typeof gpt4o?.context_window, 'number');
});
