import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { API_KEY, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let mock: OpenAIMockUpstream;
let gateway: TestGateway;
let webhook: Server;
const alerts: Array<{ text: string }> = [];
const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });

before(async () => {
  mock = await startOpenAIMock();
  webhook = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => { text += chunk; });
    request.on('end', () => { alerts.push(JSON.parse(text)); response.end('ok'); });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  gateway = await startTestGateway([
    'providers:',
    `  openai: { api_key: sk-upstream, base_url: ${mock.url}/v1 }`,
    `alerts: { slack_webhook_url: "http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook" }`,
  ].join('\n'));
});

after(async () => {
  await gateway.stop();
  await mock.close();
  await new Promise((resolve) => webhook.close(resolve));
});

async function createKey(limits: unknown[]): Promise<string> {
  const response = await gateway.admin('/api/api-keys/', { body: { name: `limited-${Math.random()}`, limits } });
  return (await response.json() as { key: string }).key;
}

function chat(key: string, extra: Record<string, unknown> = {}) {
  return fetch(`${gateway.apiBase}/chat/completions`, {
    method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ ...JSON.parse(body), ...extra }),
  });
}

test('200 concurrent requests against block_at 50 requests per day: exactly 50 served, the rest 429 without calling upstream', async () => {
  const key = await createKey([{ metric: 'requests', window: 'day', block_at: 50 }]);
  const before = mock.requests.length;
  const responses = await Promise.all(Array.from({ length: 200 }, () => chat(key)));
  const statuses = responses.map((response) => response.status);
  assert.equal(statuses.filter((status) => status === 200).length, 50);
  assert.equal(statuses.filter((status) => status === 429).length, 150);
  assert.equal(mock.requests.length - before, 50, 'refused requests never reach the upstream');
  const refused = responses.find((response) => response.status === 429)!;
  const retryAfter = Number(refused.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 86_400, `Retry-After is the seconds to the window's end (${retryAfter})`);
  const error = (await refused.json() as { error: { message: string; code: string; type: string } }).error;
  assert.match(error.message, /request/i);
  assert.match(error.message, /day/);
  assert.equal(error.code, 'limit_exceeded');
});

test('a cost limit refuses once the window has reached it; warn_at sends one alert', async () => {
  // Each mock completion costs 29 tokens of gpt-4o-mini: a tiny threshold is crossed by the first.
  const key = await createKey([{ metric: 'cost', window: 'hour', warn_at: 0.000001, block_at: 0.000002 }]);
  assert.equal((await chat(key)).status, 200);
  for (let attempt = 0; attempt < 50 && alerts.length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
  const refused = await chat(key);
  assert.equal(refused.status, 429);
  assert.match((await refused.json() as { error: { message: string } }).error.message, /cost/i);
  assert.equal(alerts.length, 1, 'one alert for the crossing');
  assert.match(alerts[0].text, /cost/i);
});

test('customer limits set through the users API apply to that customer only', async () => {
  assert.equal((await chat(API_KEY, { customer_identifier: 'capped-customer' })).status, 200);
  const patched = await gateway.admin('/api/users/capped-customer/', { method: 'PATCH', body: { limits: [{ metric: 'requests', window: 'minute', block_at: 1 }] } });
  assert.equal(patched.status, 200);
  assert.equal((await chat(API_KEY, { customer_identifier: 'capped-customer' })).status, 200);
  assert.equal((await chat(API_KEY, { customer_identifier: 'capped-customer' })).status, 429);
  assert.equal((await chat(API_KEY, { customer_identifier: 'someone-else' })).status, 200);
});

test('a failed upstream call releases its reservation', async () => {
  const key = await createKey([{ metric: 'requests', window: 'day', block_at: 1 }]);
  mock.script({ kind: 'status', status: 400, body: JSON.stringify({ error: { message: 'bad', type: 'invalid_request_error', param: null, code: null } }) });
  assert.equal((await chat(key)).status, 400);
  assert.equal((await chat(key)).status, 200, 'the failed request did not use up the limit');
  assert.equal((await chat(key)).status, 429);
});

test('erasing a customer also forgets their limit counters', async () => {
  const patched = await gateway.admin('/api/users/erased-customer/', { method: 'PATCH', body: { limits: [{ metric: 'requests', window: 'day', block_at: 1 }] } });
  assert.equal(patched.status, 200);
  assert.equal((await chat(API_KEY, { customer_identifier: 'erased-customer' })).status, 200);
  assert.equal((await chat(API_KEY, { customer_identifier: 'erased-customer' })).status, 429);
  const erased = await gateway.admin('/api/users/erased-customer/', { method: 'DELETE' });
  assert.equal(erased.status, 200);
  await gateway.admin('/api/users/erased-customer/', { method: 'PATCH', body: { limits: [{ metric: 'requests', window: 'day', block_at: 1 }] } });
  assert.equal((await chat(API_KEY, { customer_identifier: 'erased-customer' })).status, 200, 'a fresh window: the old count is gone');
});
