import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { registerUserRoutes } from '../../src/http/routes/admin/users-routes.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { sampleLogRecord } from '../storage/sample-log-record.ts';
import { managementTestApp } from './management-test-app.ts';

async function setUp(t: TestContext) {
  const database = await openDatabase('sqlite::memory:');
  await database.logs.insertMany([
    sampleLogRecord({ customer_identifier: 'alice', customer_name: 'Alice', cost: 1, total_tokens: 100, timestamp: '2026-03-01T00:00:00.000Z' }),
    sampleLogRecord({ customer_identifier: 'alice', cost: 2, total_tokens: 200, timestamp: '2026-03-05T00:00:00.000Z' }),
    sampleLogRecord({ customer_identifier: 'bob', cost: 0.5, total_tokens: 50, timestamp: '2026-03-02T00:00:00.000Z' }),
  ]);
  const flushes: number[] = [];
  const logWriter = { flush: async () => void flushes.push(Date.now()) };
  const app = await managementTestApp((scope) => registerUserRoutes(scope, { database, logWriter }));
  t.after(async () => {
    await app.close();
    await database.close();
  });
  return { app, flushes };
}

describe('users routes', () => {
  it('lists users with their usage, by GET or POST with filters', async (t) => {
    const { app } = await setUp(t);
    const listed = (await app.inject({ method: 'GET', url: '/api/users/list/?sort_by=-total_cost' })).json();
    assert.equal(listed.count, 2);
    assert.deepEqual(listed.results[0], {
      customer_identifier: 'alice', name: 'Alice', email: null, limits: [], first_seen: '2026-03-01T00:00:00.000Z',
      last_seen: '2026-03-05T00:00:00.000Z', number_of_requests: 2, total_tokens: 300, total_cost: 3,
    });
    const filtered = (await app.inject({
      method: 'POST', url: '/api/users/list?end_time=2026-03-03T00:00:00Z',
      payload: { filters: { total_cost: { operator: 'gte', value: [1] } } },
    })).json();
    assert.deepEqual(filtered.results.map((user: { customer_identifier: string; total_cost: number }) => [user.customer_identifier, user.total_cost]), [['alice', 1]]);
    const badFilter = await app.inject({ method: 'POST', url: '/api/users/list/', payload: { filters: { model: { value: ['x'] } } } });
    assert.equal(badFilter.statusCode, 400);
  });

  it('gets one user over a period, 404 for an unknown one', async (t) => {
    const { app } = await setUp(t);
    const alice = (await app.inject({ method: 'GET', url: '/api/users/alice/?start_time=2026-03-02T00:00:00Z' })).json();
    assert.equal(alice.number_of_requests, 1);
    assert.equal(alice.total_cost, 2);
    const missing = await app.inject({ method: 'GET', url: '/api/users/nobody' });
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), { detail: 'Not found.' });
  });

  it('PATCH sets name, email and limits (admin only), creating the user if needed', async (t) => {
    const { app } = await setUp(t);
    const limits = [{ metric: 'cost', window: 'day', warn_at: 5, block_at: 10 }];
    const patched = await app.inject({ method: 'PATCH', url: '/api/users/carol/', payload: { name: 'Carol', limits } });
    assert.equal(patched.statusCode, 200);
    assert.deepEqual({ ...(patched.json() as Record<string, unknown>), first_seen: undefined, last_seen: undefined }, {
      customer_identifier: 'carol', name: 'Carol', email: null, limits, first_seen: undefined, last_seen: undefined,
      number_of_requests: 0, total_tokens: 0, total_cost: 0,
    });
    const emailOnly = (await app.inject({ method: 'PATCH', url: '/api/users/carol', payload: { email: 'carol@example.com' } })).json();
    assert.equal(emailOnly.name, 'Carol');
    assert.deepEqual(emailOnly.limits, limits);

    const invalid = await app.inject({ method: 'PATCH', url: '/api/users/carol/', payload: { limits: [{ metric: 'cost', window: 'fortnight', block_at: 1 }], colour: 'red' } });
    assert.equal(invalid.statusCode, 400);
    assert.ok(invalid.json().errors['limits.0.window']);
    assert.ok(invalid.json().errors.non_field_errors);
    const reader = await app.inject({ method: 'PATCH', url: '/api/users/carol/', headers: { 'x-test-scope': 'read' }, payload: { name: 'X' } });
    assert.equal(reader.statusCode, 403);
  });

  it('DELETE erases the user and their logs after flushing queued ones', async (t) => {
    const { app, flushes } = await setUp(t);
    assert.equal((await app.inject({ method: 'DELETE', url: '/api/users/alice/', headers: { 'x-test-scope': 'read' } })).statusCode, 403);
    const deleted = await app.inject({ method: 'DELETE', url: '/api/users/alice/' });
    assert.equal(deleted.statusCode, 200);
    assert.deepEqual(deleted.json(), { deleted: { logs: 2, scores: 0, cache_entries: 0 } });
    assert.equal(flushes.length, 1);
    assert.equal((await app.inject({ method: 'GET', url: '/api/users/alice/' })).statusCode, 404);
    assert.equal((await app.inject({ method: 'DELETE', url: '/api/users/alice' })).statusCode, 404);
  });
});
