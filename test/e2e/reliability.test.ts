import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { API_KEY, fetchLog, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let primary: OpenAIMockUpstream;
let secondary: OpenAIMockUpstream;
let gateway: TestGateway;
let client: OpenAI;
const messages = [{ role: 'user' as const, content: 'Hi' }];
const serverError = { kind: 'status' as const, status: 500, body: JSON.stringify({ error: { message: 'boom', type: 'server_error', param: null, code: null } }) };

before(async () => {
  primary = await startOpenAIMock();
  secondary = await startOpenAIMock();
  gateway = await startTestGateway([
    'retries: { retry_enabled: true, num_retries: 2, retry_after: 0.01 }',
    'timeouts: { connect_s: 2, first_byte_s: 0.3, idle_stream_s: 5 }',
    'fallback_models: [groq/llama-3.3-70b-versatile]',
    'providers:',
    `  openai: { api_key: sk-primary, base_url: ${primary.url}/v1 }`,
    `  groq: { api_key: sk-groq, base_url: ${secondary.url}/v1 }`,
    'deployments:',
    `  - { name: openai-b, provider: openai, api_key: sk-deployment-b, base_url: ${primary.url}/v1, weight: 1, available_models: [gpt-4o] }`,
  ].join('\n'));
  client = new OpenAI({ apiKey: API_KEY, baseURL: gateway.apiBase, maxRetries: 0 });
});

after(async () => {
  await gateway.stop();
  await primary.close();
  await secondary.close();
});

beforeEach(() => {
  primary.requests.length = 0;
  secondary.requests.length = 0;
});

async function attemptsOf(logId: string | null) {
  const log = await fetchLog(gateway, logId!);
  return { log, attempts: log.attempts as Array<{ model: string; provider_id: string; status: string; status_code: number; deployment_name: string | null }> };
}

test('a 500 is retried on the same model, and the log shows both attempts', async () => {
  primary.script(serverError);
  const { data, response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages }).withResponse();
  assert.equal(data.choices[0].message.content, 'Hello! How can I assist you today?');
  assert.equal(primary.requests.length, 2);
  const { log, attempts } = await attemptsOf(response.headers.get('x-respan-log-id'));
  assert.deepEqual(attempts.map((attempt) => [attempt.status, attempt.status_code]), [['error', 500], ['success', 200]]);
  assert.equal(log.fallback, 2);
});

test('a 429 with Retry-After is honoured before the retry', async () => {
  primary.script({ kind: 'status', status: 429, body: JSON.stringify({ error: { message: 'slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' } }), headers: { 'retry-after': '1' } });
  const started = performance.now();
  await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
  assert.ok(performance.now() - started >= 1000, 'waited at least the second the upstream asked for');
  assert.equal(primary.requests.length, 2);
});

test('a 400 is neither retried nor fallen back', async () => {
  primary.script({ kind: 'status', status: 400, body: JSON.stringify({ error: { message: "Invalid value for 'temperature'", type: 'invalid_request_error', param: 'temperature', code: null } }) });
  await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages }), (error: InstanceType<typeof OpenAI.APIError>) => error.status === 400);
  assert.equal(primary.requests.length, 1);
  assert.equal(secondary.requests.length, 0);
});

test('when retries run out, the platform fallback list serves the request', async () => {
  primary.script(serverError, serverError, serverError);
  const { response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages }).withResponse();
  assert.equal(primary.requests.length, 3);
  assert.equal(secondary.requests.length, 1);
  assert.equal(secondary.lastRequest!.body.model, 'llama-3.3-70b-versatile');
  assert.equal(secondary.lastRequest!.headers.authorization, 'Bearer sk-groq');
  const { log, attempts } = await attemptsOf(response.headers.get('x-respan-log-id'));
  assert.equal(log.model, 'llama-3.3-70b-versatile', 'the log names the model that served it');
  assert.equal(log.provider_id, 'groq');
  assert.equal(attempts.length, 4);
});

test('request fallback_models come before the platform list; disable_fallback turns both off', async () => {
  primary.script(serverError);
  await client.chat.completions.create({
    model: 'gpt-4o-mini', messages,
    // @ts-expect-error gateway parameter
    fallback_models: ['gpt-4o'], retry_params: { num_retries: 0 },
  });
  assert.deepEqual(primary.requests.map((request) => request.body.model), ['gpt-4o-mini', 'gpt-4o']);

  primary.script(serverError);
  await assert.rejects(client.chat.completions.create({
    model: 'gpt-4o-mini', messages,
    // @ts-expect-error gateway parameter
    disable_fallback: true, retry_params: { retry_enabled: false },
  }), (error: InstanceType<typeof OpenAI.APIError>) => error.status === 500);
  assert.equal(secondary.requests.length, 0);
});

test('a first-byte timeout and a refused connection count as failures that fall back', async () => {
  primary.script({ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' });
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
  assert.equal(completion.choices[0].message.content, 'Hello! How can I assist you today?');
  assert.equal(secondary.requests.length, 1);

  const refused = await client.chat.completions.create({
    model: 'gpt-4o-mini', messages,
    // @ts-expect-error gateway parameter
    customer_credentials: { openai: { api_key: 'sk-customer', base_url: 'http://127.0.0.1:9/v1' } }, retry_params: { num_retries: 0 },
  });
  assert.ok(refused.choices[0].message.content);
  assert.equal(secondary.requests.length, 2);
});

test('a stream that fails in its first event fails over; one cut after content does not', async () => {
  primary.script({ kind: 'stream-error-first-event' });
  const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true, ...{ retry_params: { retry_enabled: false } } });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  assert.equal(text, 'Hello! How can I help?');
  assert.equal(secondary.requests.length, 1, 'served by the fallback');

  primary.script({ kind: 'cut-stream', afterEvents: 3 });
  const cut = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
  await assert.rejects(async () => {
    for await (const _chunk of cut) { /* drain */ }
  });
  assert.equal(secondary.requests.length, 1, 'no fail-over after the first byte');
});

test('credential_override beats customer_credentials; each fallback resolves its own', async () => {
  await client.chat.completions.create({
    model: 'gpt-4o-mini', messages,
    // @ts-expect-error gateway parameters
    customer_credentials: { openai: { api_key: 'sk-customer' } }, credential_override: { 'gpt-4o-mini': { api_key: 'sk-override' } },
  });
  assert.equal(primary.lastRequest!.headers.authorization, 'Bearer sk-override');
  await client.chat.completions.create({
    model: 'gpt-4o', messages,
    // @ts-expect-error gateway parameters
    customer_credentials: { openai: { api_key: 'sk-customer' } }, credential_override: { 'gpt-4o-mini': { api_key: 'sk-override' } },
  });
  assert.equal(primary.lastRequest!.headers.authorization, 'Bearer sk-customer');
});

test('an inline models list routes to one of them and falls back to the others', async () => {
  primary.script(serverError, serverError, serverError);
  const { response } = await client.chat.completions.create({
    messages,
    // @ts-expect-error the model comes from the inline router
    model: undefined, models: ['gpt-4o-mini', 'groq/llama-3.3-70b-versatile'], disable_fallback: true,
  }).withResponse();
  const { log } = await attemptsOf(response.headers.get('x-respan-log-id'));
  assert.equal(log.status, 'success');
  assert.ok(['gpt-4o-mini', 'llama-3.3-70b-versatile'].includes(log.model as string));
});

test('deployments share the load; a failing one is cooled down and skipped', async () => {
  const deploymentA = await startOpenAIMock();
  const deploymentB = await startOpenAIMock();
  const own = await startTestGateway([
    'retries: { retry_enabled: true, num_retries: 1, retry_after: 0.001 }',
    'deployments:',
    `  - { name: east, provider: openai, api_key: sk-east, base_url: ${deploymentA.url}/v1, weight: 1 }`,
    `  - { name: west, provider: openai, api_key: sk-west, base_url: ${deploymentB.url}/v1, weight: 1 }`,
  ].join('\n'));
  try {
    const ownClient = new OpenAI({ apiKey: API_KEY, baseURL: own.apiBase, maxRetries: 0 });
    for (let index = 0; index < 40; index++) await ownClient.chat.completions.create({ model: 'gpt-4o-mini', messages });
    assert.ok(deploymentA.requests.length > 8 && deploymentB.requests.length > 8, `shared: ${deploymentA.requests.length}/${deploymentB.requests.length}`);

    deploymentB.script(...Array.from({ length: 50 }, () => serverError));
    for (let index = 0; index < 20; index++) {
      const completion = await ownClient.chat.completions.create({ model: 'gpt-4o-mini', messages });
      assert.ok(completion.choices[0].message.content, 'every request is served by the healthy deployment');
    }
    const failuresBeforeCooldown = deploymentB.requests.length - 40 + deploymentA.requests.length;
    const westAfterCooldown = deploymentB.requests.length;
    for (let index = 0; index < 10; index++) await ownClient.chat.completions.create({ model: 'gpt-4o-mini', messages });
    assert.equal(deploymentB.requests.length, westAfterCooldown, 'a cooled-down deployment gets no traffic while a healthy one exists');
    assert.ok(failuresBeforeCooldown >= 0);
  } finally {
    await own.stop();
    await deploymentA.close();
    await deploymentB.close();
  }
});

test('a stored load-balance group splits traffic by weight (3:1 over 400 requests)', async () => {
  const heavy = await startOpenAIMock();
  const light = await startOpenAIMock();
  const own = await startTestGateway([
    'providers:',
    `  openai: { api_key: sk-heavy, base_url: ${heavy.url}/v1 }`,
    `  groq: { api_key: sk-light, base_url: ${light.url}/v1 }`,
    'load_balance_groups:',
    '  - { group_id: chat, models: [ { model: gpt-4o, weight: 3 }, { model: groq/llama-3.3-70b-versatile, weight: 1 } ] }',
  ].join('\n'));
  try {
    const ownClient = new OpenAI({ apiKey: API_KEY, baseURL: own.apiBase, maxRetries: 0 });
    for (let batch = 0; batch < 8; batch++) {
      await Promise.all(Array.from({ length: 50 }, () => ownClient.chat.completions.create({
        messages,
        // @ts-expect-error the model comes from the group
        model: undefined, load_balance_group: { group_id: 'chat' },
      })));
    }
    const share = heavy.requests.length / (heavy.requests.length + light.requests.length);
    assert.equal(heavy.requests.length + light.requests.length, 400);
    assert.ok(Math.abs(share - 0.75) < 0.07, `weighted 3:1, got ${heavy.requests.length}:${light.requests.length}`);
  } finally {
    await own.stop();
    await heavy.close();
    await light.close();
  }
});

test('the request deadline (timeouts.request_s) stops retries and fallbacks', async () => {
  const hanging = await startOpenAIMock();
  const own = await startTestGateway([
    'timeouts: { connect_s: 1, first_byte_s: 0.2, idle_stream_s: 1, request_s: 0.5 }',
    'retries: { retry_enabled: true, num_retries: 10, retry_after: 0.01 }',
    'providers:',
    `  openai: { api_key: sk-hang, base_url: ${hanging.url}/v1 }`,
  ].join('\n'));
  try {
    hanging.script(...Array.from({ length: 20 }, () => ({ kind: 'hang' as const })));
    const response = await fetch(`${own.apiBase}/chat/completions`, {
      method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages }),
    });
    assert.equal(response.status, 504);
    assert.equal((await response.json() as { error: { code: string } }).error.code, 'request_deadline_exceeded');
    assert.ok(hanging.requests.length <= 4, `no attempt starts after the deadline (${hanging.requests.length} made)`);
  } finally {
    await own.stop();
    await hanging.close();
  }
});
