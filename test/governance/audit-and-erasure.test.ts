import { after, before, describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import assert from 'node:assert/strict';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { API_KEY, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

// The audit log lives in the database: the same suite runs on SQLite and on Postgres.
for (const store of ['SQLite', 'Postgres'] as const) {
  describe(`audit log and erasure on ${store}`, () => {
    const schema = `sb_audit_${randomBytes(4).toString('hex')}`;
    const databaseUrl = store === 'Postgres' ? `postgres://root@127.0.0.1:5432/test?schema=${schema}` : undefined;
    const dropSchema = store === 'Postgres' ? async () => {
      const sql = postgres('postgres://root@127.0.0.1:5432/test', { onnotice: () => {} });
      await sql.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await sql.end();
    } : undefined;
    let mock: OpenAIMockUpstream;
    let gateway: TestGateway;

    before(async () => {
      mock = await startOpenAIMock();
      gateway = await startTestGateway(['providers:', `  openai: { api_key: sk-upstream-secret-0001, base_url: ${mock.url}/v1 }`].join('\n'), { databaseUrl });
    });
    after(async () => {
      await gateway.stop();
      await mock.close();
      await dropSchema?.();
    });

    type Entry = { actor: string; action: string; target: string; before: unknown; after: unknown; timestamp: string };
    async function auditEntries(query = ''): Promise<{ count: number; results: Entry[] }> {
      const response = await gateway.admin(`/api/audit-logs/${query}`);
      assert.equal(response.status, 200);
      return await response.json() as { count: number; results: Entry[] };
    }

    test('creating and revoking a key are audited, newest first, without the key', async () => {
      const created = await (await gateway.admin('/api/api-keys/', { body: { name: 'audited' } })).json() as { id: string; key: string };
      assert.equal((await gateway.admin(`/api/api-keys/${created.id}/`, { method: 'DELETE' })).status, 200);
      const { results } = await auditEntries(`?target=api-keys/${created.id}`);
      assert.deepEqual(results.map((entry) => entry.action), ['api_keys.revoke', 'api_keys.create']);
      assert.equal(results[0].actor, 'admin');
      assert.equal((results[0].before as { revoked_at: unknown }).revoked_at, null);
      assert.notEqual((results[0].after as { revoked_at: unknown }).revoked_at, null);
      assert.equal((results[1].after as { key: string }).key, '[secret]');
      assert.doesNotMatch(JSON.stringify(results), new RegExp(created.key));
    });

    test('a settings PATCH is audited with before and after; provider secrets never appear', async () => {
      assert.equal((await gateway.admin('/api/settings/', { method: 'PATCH', body: { fallback_models: ['gpt-4o'] } })).status, 200);
      const { results } = await auditEntries('?action=settings.update');
      assert.equal(results.length, 1);
      assert.deepEqual((results[0].after as { fallback_models: string[] }).fallback_models, ['gpt-4o']);
      await gateway.admin('/api/providers/', { body: { provider_id: 'openai', credentials: { api_key: 'sk-patched-secret-0002' } } });
      assert.doesNotMatch(JSON.stringify(await auditEntries()), /sk-patched-secret-0002|sk-upstream-secret-0001|test-admin-key/);
    });

    test('a key that is not admin cannot read the audit log; filters by actor and time work', async () => {
      const denied = await fetch(`${gateway.apiBase}/audit-logs/`, { headers: { authorization: `Bearer ${API_KEY}` } });
      assert.equal(denied.status, 403);
      assert.equal((await auditEntries('?actor=nobody')).count, 0);
      assert.equal((await auditEntries(`?start_time=${new Date(Date.now() + 60_000).toISOString()}`)).count, 0);
      assert.ok((await auditEntries('?actor=admin')).count >= 3);
    });

    test('erasing a customer deletes their logs and cache entries, clears their limits, and is audited', async () => {
      const ask = () => fetch(`${gateway.apiBase}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], customer_identifier: 'erase-me', cache_enabled: true }),
      });
      assert.equal((await ask()).status, 200);
      assert.equal((await ask()).headers.get('x-respan-cache'), 'hit');
      await gateway.admin('/api/users/erase-me/', { method: 'PATCH', body: { limits: [{ metric: 'requests', window: 'day', block_at: 5 }] } });
      const response = await gateway.admin('/api/users/erase-me/', { method: 'DELETE' });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { deleted: { logs: 2, scores: 0, cache_entries: 1 } });
      assert.equal((await gateway.admin('/api/users/erase-me/')).status, 404);
      const { results } = await auditEntries('?action=users.erase');
      assert.deepEqual(results[0].after, { deleted: { logs: 2, scores: 0, cache_entries: 1 } });
      assert.equal(results[0].target, 'users/erase-me');
    });
  });
}
