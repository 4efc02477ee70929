import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { registerRequestLogRoutes } from '../../src/http/routes/admin/request-logs-routes.ts';
import type { LogRecord } from '../../src/logging/log-record.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { sampleLogRecord } from '../storage/sample-log-record.ts';
import { managementTestApp } from './management-test-app.ts';

async function setUp(t: TestContext, records: LogRecord[], pending: LogRecord[] = []) {
  const database = await openDatabase('sqlite::memory:');
  await database.logs.insertMany(records);
  const logWriter = { pending: (uniqueId: string) => pending.find((record) => record.unique_id === uniqueId) };
  const app = await managementTestApp((scope) => registerRequestLogRoutes(scope, { database, logWriter }));
  t.after(async () => {
    await app.close();
    await database.close();
  });
  return app;
}

const fiveLogs = () => Array.from({ length: 5 }, (_, index) => sampleLogRecord({
  timestamp: new Date(Date.UTC(2026, 2, 1, 0, index)).toISOString(), model: index < 3 ? 'gpt-4o' : 'gpt-4o-mini', cost: index, total_tokens: 10,
}));

describe('request logs routes', () => {
  it('lists with filters, sort and page links', async (t) => {
    const logs = fiveLogs();
    const app = await setUp(t, logs);
    const response = await app.inject({
      method: 'POST', url: '/api/request-logs/list/?page=2&page_size=1&sort_by=-cost&is_test=false',
      payload: { filters: { model: { operator: '', value: ['gpt-4o'] } } },
    });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.count, 3);
    assert.deepEqual(body.results.map((record: LogRecord) => record.unique_id), [logs[1].unique_id]);
    assert.equal(body.next, 'http://localhost/api/request-logs/list/?page=3&page_size=1&sort_by=-cost&is_test=false');
    assert.equal(body.previous, 'http://localhost/api/request-logs/list/?page=1&page_size=1&sort_by=-cost&is_test=false');

    const lastPage = (await app.inject({ method: 'POST', url: '/api/request-logs/list?page=2&page_size=3', payload: {} })).json();
    assert.equal(lastPage.count, 5);
    assert.equal(lastPage.next, null);
    assert.equal(lastPage.results[0].unique_id, logs[1].unique_id, 'newest first by default');
  });

  it('limits by start_time and end_time', async (t) => {
    const app = await setUp(t, fiveLogs());
    const response = await app.inject({ method: 'POST', url: '/api/request-logs/list/?start_time=2026-03-01T00:01:00Z&end_time=2026-03-01T00:03:00', payload: { filters: {} } });
    assert.equal(response.json().count, 2);
  });

  it('answers 400 naming an unknown field, operator, sort or bad page', async (t) => {
    const app = await setUp(t, []);
    const unknownField = await app.inject({ method: 'POST', url: '/api/request-logs/list/', payload: { filters: { colour: { operator: '', value: ['red'] } } } });
    assert.equal(unknownField.statusCode, 400);
    assert.deepEqual(unknownField.json(), { detail: "Unknown filter field 'colour'", errors: { filters: ["Unknown filter field 'colour'"] } });
    const unknownOperator = await app.inject({ method: 'POST', url: '/api/request-logs/list/', payload: { filters: { cost: { operator: 'between', value: [1] } } } });
    assert.equal(unknownOperator.statusCode, 400);
    assert.match(unknownOperator.json().detail, /between/);
    const badValue = await app.inject({ method: 'POST', url: '/api/request-logs/summary/', payload: { filters: { cost: { operator: 'gt', value: ['cheap'] } } } });
    assert.equal(badValue.statusCode, 400);
    const badSort = await app.inject({ method: 'POST', url: '/api/request-logs/list/?sort_by=-prompt_messages', payload: {} });
    assert.equal(badSort.statusCode, 400);
    assert.equal((await app.inject({ method: 'POST', url: '/api/request-logs/list/?page=0', payload: {} })).statusCode, 400);
    assert.equal((await app.inject({ method: 'POST', url: '/api/request-logs/list/?start_time=yesterday', payload: {} })).statusCode, 400);
    const capped = await app.inject({ method: 'POST', url: '/api/request-logs/list/?page_size=5000', payload: {} });
    assert.equal(capped.statusCode, 200);
  });

  it('summarises over the same filters', async (t) => {
    const app = await setUp(t, fiveLogs());
    const response = await app.inject({ method: 'POST', url: '/api/request-logs/summary/', payload: { filters: { model: { value: 'gpt-4o-mini' } } } });
    assert.deepEqual(response.json(), { total_cost: 7, total_tokens: 20, number_of_requests: 2 });
  });

  it('gets one log, still queued or stored, with its attempts; 404 otherwise', async (t) => {
    const stored = sampleLogRecord();
    const queued = sampleLogRecord();
    const app = await setUp(t, [stored], [queued]);
    const fromDatabase = await app.inject({ method: 'GET', url: `/api/request-logs/${stored.unique_id}/` });
    assert.deepEqual(fromDatabase.json(), stored);
    assert.equal(fromDatabase.json().attempts.length, 1);
    assert.deepEqual((await app.inject({ method: 'GET', url: `/api/request-logs/${queued.unique_id}` })).json(), queued);
    const missing = await app.inject({ method: 'GET', url: '/api/request-logs/nope/' });
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), { detail: 'Not found.' });
  });
});
