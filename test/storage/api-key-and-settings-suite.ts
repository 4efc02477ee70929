import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ApiKeyRow } from '../../src/storage/database.ts';
import { openFor, type DatabaseFactory } from './log-repository-suite.ts';

function apiKey(patch: Partial<ApiKeyRow> = {}): ApiKeyRow {
  const id = patch.id ?? `key-${Math.random().toString(36).slice(2)}`;
  return {
    id, name: `name-${id}`, key_hash: `hash-${id}`, key_prefix: 'sk-sb-ab', scope: 'inference', limits: [],
    created_at: '2026-01-01T00:00:00.000Z', expires_at: null, revoked_at: null, ...patch,
  };
}

/** API keys, settings and migrations, both stores. */
export function apiKeyAndSettingsSuite(factory: DatabaseFactory): void {
  it('migrating again changes nothing', async (t) => {
    const database = await openFor(t, factory);
    await database.settings.set('kept', { value: 1 });
    await database.migrate();
    await database.migrate();
    assert.deepEqual(await database.settings.get('kept'), { value: 1 });
    await database.ping();
  });

  it('insertIfNameAbsent: ten concurrent calls create exactly one key', async (t) => {
    const database = await openFor(t, factory);
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, index) => database.apiKeys.insertIfNameAbsent(apiKey({ id: `race-${index}`, name: 'team-a-prod' }))));
    assert.equal(outcomes.filter((outcome) => outcome.created).length, 1);
    const winner = outcomes.find((outcome) => outcome.created)!.row;
    for (const outcome of outcomes) assert.deepEqual(outcome.row, winner);
    assert.equal((await database.apiKeys.list()).length, 1);
  });

  it('inserts, lists, updates and revokes keys', async (t) => {
    const database = await openFor(t, factory);
    const first = apiKey({ limits: [{ metric: 'requests', window: 'minute', blockAt: 600 }], expires_at: '2027-01-01T00:00:00.000Z' });
    const second = apiKey({ created_at: '2026-02-01T00:00:00.000Z', scope: 'admin' });
    await database.apiKeys.insert(first);
    await database.apiKeys.insert(second);
    await assert.rejects(database.apiKeys.insert({ ...second, id: 'other', key_hash: 'other' }));
    assert.deepEqual(await database.apiKeys.list(), [first, second]);
    assert.deepEqual(await database.apiKeys.get(first.id), first);
    assert.equal(await database.apiKeys.get('missing'), undefined);

    const updated = await database.apiKeys.update(first.id, { name: 'renamed', scope: 'read', limits: [], expires_at: null });
    assert.deepEqual(updated, { ...first, name: 'renamed', scope: 'read', limits: [], expires_at: null });
    assert.deepEqual(await database.apiKeys.update(first.id, {}), updated);
    assert.equal(await database.apiKeys.update('missing', { name: 'x' }), undefined);

    const revoked = await database.apiKeys.revoke(second.id, '2026-03-01T00:00:00.000Z');
    assert.equal(revoked?.revoked_at, '2026-03-01T00:00:00.000Z');
    assert.equal((await database.apiKeys.revoke(second.id, '2026-04-01T00:00:00.000Z'))?.revoked_at, '2026-03-01T00:00:00.000Z');
    assert.equal(await database.apiKeys.revoke('missing', '2026-03-01T00:00:00.000Z'), undefined);
  });

  it('stores settings as JSON documents by key', async (t) => {
    const database = await openFor(t, factory);
    assert.equal(await database.settings.get('fallback_models'), undefined);
    await database.settings.set('fallback_models', ['gpt-4o', 'claude-sonnet-4-20250514']);
    await database.settings.set('retries', { retry_enabled: true, num_retries: 3, retry_after: 0.2 });
    await database.settings.set('log_retention_days', 30);
    assert.deepEqual(await database.settings.get('fallback_models'), ['gpt-4o', 'claude-sonnet-4-20250514']);
    assert.equal(await database.settings.get('log_retention_days'), 30);
    await database.settings.set('retries', { retry_enabled: false });
    assert.deepEqual(await database.settings.get('retries'), { retry_enabled: false });
    await database.settings.delete('retries');
    assert.equal(await database.settings.get('retries'), undefined);
    await database.settings.delete('never-set');
  });
}
