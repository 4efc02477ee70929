import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { API_KEY, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let mock: OpenAIMockUpstream;
let gateway: TestGateway;

before(async () => {
  mock = await startOpenAIMock();
  gateway = await startTestGateway([
    'max_request_body_mb: 0.01',
    'providers:',
    `  openai: { api_key: sk-upstream-openai, base_url: ${mock.url}/v1 }`,
  ].join('\n'));
});

after(async () => {
  await gateway.stop();
  await mock.close();
});

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${gateway.apiBase}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', ...headers },
    body,
  });
}

async function expectOpenAIError(response: Response, status: number, expected: { param?: string | null; code?: string; message?: RegExp }) {
  assert.equal(response.status, status);
  const body = await response.json() as { error: { message: string; type: string; param: string | null; code: string | null } };
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type']);
  if (expected.param !== undefined) assert.equal(body.error.param, expected.param);
  if (expected.code !== undefined) assert.equal(body.error.code, expected.code);
  if (expected.message !== undefined) assert.match(body.error.message, expected.message);
  assert.ok(response.headers.get('x-respan-gateway-request-id'));
}

test('malformed JSON is a 400 in the OpenAI error shape', async () => {
  await expectOpenAIError(await post('/chat/completions', '{"model": "gpt-4o",'), 400, { code: 'invalid_json', message: /parse the JSON/ });
});

test('a body sent without a JSON content type is still read as JSON', async () => {
  const response = await post('/chat/completions', JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }), { 'content-type': 'application/x-www-form-urlencoded' });
  assert.equal(response.status, 200);
});

test('wrong types are a 400 naming the param', async () => {
  const cases: Array<[unknown, string]> = [
    [{ model: 'gpt-4o', messages: 'hi' }, 'messages'],
    [{ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], temperature: 'hot' }, 'temperature'],
    [{ model: 42, messages: [{ role: 'user', content: 'x' }] }, 'model'],
    [{ model: 'gpt-4o', messages: [{ role: 'wizard', content: 'x' }] }, 'messages[0].role'],
    [{ model: 'gpt-4o', messages: [{ content: 'x' }] }, 'messages[0].role'],
    [{ model: 'gpt-4o', messages: [] }, 'messages'],
    [{ messages: [{ role: 'user', content: 'x' }] }, 'model'],
  ];
  for (const [body, param] of cases) {
    await expectOpenAIError(await post('/chat/completions', JSON.stringify(body)), 400, { param });
  }
  await expectOpenAIError(await post('/embeddings', JSON.stringify({ model: 'text-embedding-3-small', input: 'x', encoding_format: 'hex' })), 400, { param: 'encoding_format' });
});

test('a body over max_request_body_mb is a 413', async () => {
  const big = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(20_000) }] });
  await expectOpenAIError(await post('/chat/completions', big), 413, { code: 'request_too_large' });
});

test('an unknown model is a 404 before any upstream call', async () => {
  const before = mock.requests.length;
  await expectOpenAIError(await post('/chat/completions', JSON.stringify({ model: 'gpt-nonexistent-9', messages: [{ role: 'user', content: 'x' }] })), 404, { param: 'model', code: 'model_not_found' });
  await expectOpenAIError(await post('/chat/completions', JSON.stringify({ model: 'nosuchprovider/some-model', messages: [{ role: 'user', content: 'x' }] })), 404, { code: 'model_not_found' });
  assert.equal(mock.requests.length, before);
});

test('a provider without credentials is a clear 400, not an upstream call', async () => {
  await expectOpenAIError(await post('/chat/completions', JSON.stringify({ model: 'groq/llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'x' }] })), 400, { code: 'provider_not_configured' });
});

test('missing, wrong and revoked keys are 401; missing scope is 403', async () => {
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });
  await expectOpenAIError(await post('/chat/completions', body, { authorization: '' }), 401, { code: 'missing_api_key' });
  await expectOpenAIError(await post('/chat/completions', body, { authorization: 'Bearer sk-wrong' }), 401, { code: 'invalid_api_key' });

  const created = await (await gateway.admin('/api/api-keys/', { body: { name: 'temporary' } })).json() as { id: string; key: string };
  assert.match(created.key, /^sk-sb-/);
  assert.equal((await post('/chat/completions', body, { authorization: `Bearer ${created.key}` })).status, 200);
  const forbidden = await fetch(`${gateway.apiBase}/api-keys/`, { headers: { authorization: `Bearer ${created.key}` } });
  assert.equal(forbidden.status, 403);
  assert.ok('detail' in (await forbidden.json() as object), 'management errors use {detail}');

  assert.equal((await gateway.admin(`/api/api-keys/${created.id}/`, { method: 'DELETE' })).status, 200);
  await expectOpenAIError(await post('/chat/completions', body, { authorization: `Bearer ${created.key}` }), 401, { code: 'revoked_api_key' });
  const listed = await (await gateway.admin('/api/api-keys/')).json() as { results: Array<Record<string, unknown>> };
  assert.ok(!JSON.stringify(listed).includes(created.key), 'a key is shown only once');
});

test('an unknown route is a 404 in the OpenAI shape', async () => {
  await expectOpenAIError(await post('/chat/complete', '{}'), 404, { code: 'unknown_route' });
});

test('health: ready with its detail, and a liveness probe that needs nothing', async () => {
  const ready = await fetch(`${gateway.url}/health`);
  assert.equal(ready.status, 200);
  const detail = await ready.json() as { status: string; database: string; log_writer: { queued: number } };
  assert.equal(detail.status, 'ok');
  assert.equal(detail.database, 'sqlite');
  assert.equal(typeof detail.log_writer.queued, 'number');
  assert.deepEqual(await (await fetch(`${gateway.url}/health/live`)).json(), { status: 'live' });
});

test('/metrics reports requests, upstream pools and the log queue', async () => {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  for (const name of ['switchboard_requests_total', 'switchboard_request_duration_seconds', 'switchboard_upstream_pool_connections', 'switchboard_log_queue_depth', 'switchboard_cache_hits_total']) {
    assert.match(text, new RegExp(`^# TYPE ${name} `, 'm'), name);
  }
  assert.match(text, /switchboard_upstream_pool_connections\{origin="http:\/\/127\.0\.0\.1:\d+",state="connected"\}/);
});
