import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { registerTraceRoutes } from '../../src/http/routes/admin/traces-routes.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { sampleLogRecord } from '../storage/sample-log-record.ts';
import { managementTestApp } from './management-test-app.ts';

const fallbackLog = sampleLogRecord({
  trace_unique_id: 'request-1', timestamp: '2026-03-01T12:00:00.000Z', latency: 2, model: 'claude-sonnet-4-20250514', provider_id: 'anthropic', fallback: 2,
  attempts: [
    { model: 'gpt-4o', provider_id: 'openai', deployment_name: null, status: 'error', status_code: 503, error_message: 'overloaded', latency: 0.5, start_time: '2026-03-01T12:00:00.010Z' },
    { model: 'claude-sonnet-4-20250514', provider_id: 'anthropic', deployment_name: null, status: 'success', status_code: 200, error_message: null, latency: 1.4, start_time: '2026-03-01T12:00:00.600Z' },
  ],
});

async function setUp(t: TestContext) {
  const database = await openDatabase('sqlite::memory:');
  await database.logs.insertMany([fallbackLog, sampleLogRecord({ trace_unique_id: 'request-2', timestamp: '2026-03-02T00:00:00.000Z', cost: 5 })]);
  const app = await managementTestApp((scope) => registerTraceRoutes(scope, { database }));
  t.after(async () => {
    await app.close();
    await database.close();
  });
  return app;
}

describe('traces routes', () => {
  it('returns the span tree: the log, then one child per attempt', async (t) => {
    const app = await setUp(t);
    const response = await app.inject({ method: 'GET', url: '/api/traces/request-1/' });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.trace_unique_id, 'request-1');
    assert.equal(body.span_tree.length, 1);
    const [root] = body.span_tree;
    assert.equal(root.span_unique_id, fallbackLog.unique_id);
    assert.equal(root.span_parent_id, null);
    assert.equal(root.end_time, '2026-03-01T12:00:02.000Z');
    assert.deepEqual(root.children.map((span: { span_name: string }) => span.span_name), ['attempt 1: openai/gpt-4o', 'attempt 2: anthropic/claude-sonnet-4-20250514']);
    assert.equal(root.children[0].span_parent_id, fallbackLog.unique_id);
    assert.equal(root.children[0].status, 'error');
    assert.equal(root.children[1].end_time, '2026-03-01T12:00:02.000Z');
    assert.deepEqual(root.children[1].children, []);
    const missing = await app.inject({ method: 'GET', url: '/api/traces/none' });
    assert.deepEqual([missing.statusCode, missing.json()], [404, { detail: 'Not found.' }]);
  });

  it('lists traces with filters, sorted and paginated', async (t) => {
    const app = await setUp(t);
    const all = (await app.inject({ method: 'POST', url: '/api/traces/list/', payload: { filters: {} } })).json();
    assert.equal(all.count, 2);
    assert.deepEqual(all.results.map((trace: { trace_unique_id: string }) => trace.trace_unique_id), ['request-2', 'request-1']);
    assert.equal(all.results[1].span_count, 3);
    const filtered = (await app.inject({ method: 'POST', url: '/api/traces/list?sort_by=cost', payload: { filters: { provider_id: { value: ['anthropic'] } } } })).json();
    assert.deepEqual(filtered.results.map((trace: { trace_unique_id: string }) => trace.trace_unique_id), ['request-1']);
    const badSort = await app.inject({ method: 'POST', url: '/api/traces/list/?sort_by=model', payload: {} });
    assert.equal(badSort.statusCode, 400);
  });
});
