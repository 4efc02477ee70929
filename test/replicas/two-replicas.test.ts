import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';

const ADMIN = 'replica-admin-key-0123456789';
const schema = `sb_replicas_${randomBytes(4).toString('hex')}`;
const prefix = `sbtest:${randomBytes(4).toString('hex')}:`;
let mock: OpenAIMockUpstream;
let directory: string;
let replicas: GatewayProcess[];

function yaml(mockUrl: string): string {
  return [
    `admin_key: ${ADMIN}`,
    `database_url: postgres://root@127.0.0.1:5432/test?schema=${schema}`,
    'redis_url: redis://127.0.0.1:6379',
    `redis_key_prefix: '${prefix}'`,
    'secret: replica-shared-secret-0123456789',
    'providers:',
    `  openai: { api_key: sk-upstream, base_url: ${mockUrl}/v1 }`,
    'api_keys:',
    '  - { name: shared, key: sk-shared-0123456789 }',
  ].join('\n');
}

async function call(replica: GatewayProcess, path: string, init: { key?: string; method?: string; body?: unknown } = {}) {
  return fetch(`${replica.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${init.key ?? ADMIN}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`not within 1 s: ${what}`);
}

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };

before(async () => {
  mock = await startOpenAIMock();
  directory = await mkdtemp(join(tmpdir(), 'switchboard-replicas-'));
  // Both start at once on an empty database: migrations and configured keys must not race.
  replicas = await Promise.all(['a', 'b'].map((name) => startGatewayProcess({ directory, name, yaml: yaml(mock.url) })));
});

after(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
  await mock.close();
  await rm(directory, { recursive: true, force: true });
  const sql = postgres('postgres://root@127.0.0.1:5432/test', { onnotice: () => {} });
  await sql.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await sql.end();
});

test('the configured key is created once and works on both replicas', async () => {
  for (const replica of replicas) assert.equal((await call(replica, '/api/chat/completions', { key: 'sk-shared-0123456789', body: chat })).status, 200);
  const keys = await (await call(replicas[0], '/api/api-keys/')).json() as { results: Array<{ name: string }> };
  assert.equal(keys.results.filter((key) => key.name === 'shared').length, 1);
});

test('a key created on one replica works on the other within a second, and its revocation too', async () => {
  const created = await (await call(replicas[0], '/api/api-keys/', { body: { name: 'new-key' } })).json() as { id: string; key: string };
  await eventually(async () => (await call(replicas[1], '/api/chat/completions', { key: created.key, body: chat })).status === 200, 'new key accepted by replica b');
  assert.equal((await call(replicas[1], `/api/api-keys/${created.id}/`, { method: 'DELETE' })).status, 200);
  await eventually(async () => (await call(replicas[0], '/api/chat/completions', { key: created.key, body: chat })).status === 401, 'revoked key refused by replica a');
});

test('a settings change made on one replica is applied by the other', async () => {
  const patched = await call(replicas[0], '/api/settings/', { method: 'PATCH', body: { fallback_models: ['gpt-4o'] } });
  assert.equal(patched.status, 200);
  await eventually(async () => {
    const settings = await (await call(replicas[1], '/api/settings/')).json() as { fallback_models: string[] };
    return settings.fallback_models[0] === 'gpt-4o';
  }, 'replica b sees the new fallback list');
  mock.requests.length = 0;
  mock.script({ kind: 'status', status: 500, body: '{"error":{"message":"down","type":"server_error","param":null,"code":null}}' });
  const response = await call(replicas[1], '/api/chat/completions', { key: 'sk-shared-0123456789', body: { ...chat, retry_params: { retry_enabled: false } } });
  assert.equal(response.status, 200);
  assert.deepEqual(mock.requests.map((request) => request.body.model), ['gpt-4o-mini', 'gpt-4o'], 'replica b fell back to the list set on replica a');
});

test('a cached answer written through one replica is served by the other', async () => {
  const cached = { ...chat, messages: [{ role: 'user', content: 'shared cache' }], cache_enabled: true };
  const first = await call(replicas[0], '/api/chat/completions', { key: 'sk-shared-0123456789', body: cached });
  assert.equal(first.status, 200);
  const second = await call(replicas[1], '/api/chat/completions', { key: 'sk-shared-0123456789', body: cached });
  assert.equal(second.headers.get('x-respan-cache'), 'hit');
});

test('a limit holds exactly across replicas: 100 concurrent requests split over both, block_at 30', async () => {
  const created = await (await call(replicas[0], '/api/api-keys/', { body: { name: 'limited-across', limits: [{ metric: 'requests', window: 'day', block_at: 30 }] } })).json() as { key: string };
  await eventually(async () => (await call(replicas[1], '/api/models', { key: created.key })).status === 200, 'replica b knows the new key');
  const statuses = await Promise.all(Array.from({ length: 100 }, (_unused, index) =>
    call(replicas[index % 2], '/api/chat/completions', { key: created.key, body: chat }).then((response) => response.status)));
  assert.equal(statuses.filter((status) => status === 200).length, 30);
  assert.equal(statuses.filter((status) => status === 429).length, 70);
});
