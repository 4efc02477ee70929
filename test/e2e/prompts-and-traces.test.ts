import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { API_KEY, fetchLog, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let mock: OpenAIMockUpstream;
let gateway: TestGateway;
let client: OpenAI;
let promptId: string;

before(async () => {
  mock = await startOpenAIMock();
  gateway = await startTestGateway(['providers:', `  openai: { api_key: sk-upstream, base_url: ${mock.url}/v1 }`].join('\n'));
  client = new OpenAI({ apiKey: API_KEY, baseURL: gateway.apiBase, maxRetries: 0 });
  const prompt = await (await gateway.admin('/api/prompts/', { body: { name: 'greeting' } })).json() as { prompt_id: string };
  promptId = prompt.prompt_id;
  const version = await gateway.admin(`/api/prompts/${promptId}/versions/`, {
    body: {
      model: 'gpt-4o-mini', temperature: 0.2, deploy: true, variables: { tone: 'warm' },
      messages: [{ role: 'system', content: 'Be {{tone}}.' }, { role: 'user', content: 'Greet {{ name }}.' }],
    },
  });
  assert.equal(version.status, 201);
});

after(async () => {
  await gateway.stop();
  await mock.close();
});

test('the prompt parameter renders the deployed version with variables; the log names prompt and version', async () => {
  const { data, response } = await client.chat.completions.create({
    // @ts-expect-error model and messages come from the prompt
    model: undefined, messages: undefined, prompt: { prompt_id: promptId, variables: { name: 'Ada' }, echo: true },
  }).withResponse();
  assert.deepEqual(mock.lastRequest!.body.messages, [{ role: 'system', content: 'Be warm.' }, { role: 'user', content: 'Greet Ada.' }]);
  assert.equal(mock.lastRequest!.body.temperature, 0.2);
  assert.ok('prompt_message' in data, 'echo adds the rendered messages');
  const log = await fetchLog(gateway, response.headers.get('x-respan-log-id')!);
  assert.equal(log.prompt_id, promptId);
  assert.equal(log.prompt_version_number, 1);
});

test('prompts render for streams too; a missing variable or unknown prompt is a 400 naming it', async () => {
  const stream = await client.chat.completions.create({
    // @ts-expect-error model and messages come from the prompt
    model: undefined, messages: undefined, stream: true, prompt: { prompt_id: promptId, variables: { name: 'Grace' } },
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  assert.equal(text, 'Hello! How can I help?');
  assert.equal((mock.lastRequest!.body.messages as Array<{ content: string }>)[1].content, 'Greet Grace.');

  // @ts-expect-error model and messages come from the prompt
  await assert.rejects(client.chat.completions.create({ model: undefined, messages: undefined, prompt: { prompt_id: promptId } }),
    (error: InstanceType<typeof OpenAI.APIError>) => error.status === 400 && /name/.test(error.message));
  // @ts-expect-error model and messages come from the prompt
  await assert.rejects(client.chat.completions.create({ model: undefined, messages: undefined, prompt: { prompt_id: 'nope' } }),
    (error: InstanceType<typeof OpenAI.APIError>) => error.status === 400 && /nope/.test(error.message));
});

test('spans sent by an application and the gateway\'s own request form one trace tree', async () => {
  const ingest = (body: Record<string, unknown>) => fetch(`${gateway.apiBase}/request-logs/`, {
    method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal((await ingest({ trace_unique_id: 'trace-1', span_unique_id: 'root', span_name: 'agent.run', log_type: 'workflow', input: 'q', output: 'a' })).status, 201);
  assert.equal((await ingest({ trace_unique_id: 'trace-1', span_unique_id: 'step', span_parent_id: 'root', span_name: 'plan', log_type: 'task' })).status, 201);
  const { response } = await client.chat.completions.create({
    model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }],
    // @ts-expect-error gateway parameters
    trace_unique_id: 'trace-1', span_parent_id: 'step', span_name: 'llm.call',
  }).withResponse();
  await fetchLog(gateway, response.headers.get('x-respan-log-id')!);
  const trace = await (await gateway.admin('/api/traces/trace-1/')).json() as { span_tree: Array<{ span_name: string; children: Array<{ span_name: string; children: Array<{ span_name: string }> }> }> };
  assert.equal(trace.span_tree.length, 1);
  assert.equal(trace.span_tree[0].span_name, 'agent.run');
  assert.equal(trace.span_tree[0].children[0].span_name, 'plan');
  assert.ok(trace.span_tree[0].children[0].children.some((child) => child.span_name === 'llm.call'), 'the gateway request hangs under the application span');
});

test('the prompt parameter works on the Responses API too', async () => {
  const response = await client.responses.create({
    // @ts-expect-error model and input come from the prompt
    model: undefined, prompt: undefined, respan_params: { prompt: { prompt_id: promptId, variables: { name: 'Lin' } } },
  });
  assert.ok(response.output_text.length > 0);
  assert.equal(mock.lastRequest!.path, '/v1/responses');
  assert.deepEqual(mock.lastRequest!.body.input, [{ role: 'system', content: 'Be warm.' }, { role: 'user', content: 'Greet Lin.' }]);
  assert.equal(mock.lastRequest!.body.model, 'gpt-4o-mini');
});
