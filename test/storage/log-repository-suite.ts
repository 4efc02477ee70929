import assert from 'node:assert/strict';
import { it, type TestContext } from 'node:test';
import { parseLogFilters } from '../../src/logging/log-filters.ts';
import type { LogListQuery } from '../../src/storage/database.ts';
import type { DatabaseWithTraces } from '../../src/storage/database-with-traces.ts';
import { sampleLogRecord } from './sample-log-record.ts';

export type DatabaseFactory = () => Promise<DatabaseWithTraces>;

export async function openFor(t: TestContext, factory: DatabaseFactory): Promise<DatabaseWithTraces> {
  const database = await factory();
  t.after(() => database.close());
  return database;
}

function query(filters: unknown, overrides: Partial<LogListQuery> = {}): LogListQuery {
  return { filters: parseLogFilters({ filters }), sortBy: 'timestamp', page: 1, pageSize: 100, ...overrides };
}

/** Log storage behaviour both stores must share. */
export function logRepositorySuite(factory: DatabaseFactory): void {
  it('stores and returns a full record unchanged', async (t) => {
    const database = await openFor(t, factory);
    const full = sampleLogRecord({
      api_key: 'team-a', deployment_name: 'openai-b', status: 'error', status_code: 429, error_message: 'Rate "limited" \\ \n',
      stream: true, cache_hit: true, time_to_first_token: 0.25, cached_tokens: 3, cache_creation_tokens: 2, reasoning_tokens: 7,
      cost: 0.000123, cost_estimated: true, customer_identifier: 'cust-1', customer_name: 'Ann', customer_email: 'ann@example.com',
      thread_identifier: 'thread-1', custom_identifier: 'custom-1', fallback: 2, log_type: 'response',
      metadata: { env: 'prod', nested: { list: [1, 'two', null], flag: false }, unicode: 'héllo ✓ 😀' },
      prompt_messages: [{ role: 'system', content: 'Be brief' }, { role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      completion_message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      attempts: [
        { model: 'gpt-4o', provider_id: 'openai', deployment_name: null, status: 'error', status_code: 429, error_message: 'slow down', latency: 0.5, start_time: '2026-03-01T12:00:00.001Z' },
        { model: 'claude-sonnet-4-20250514', provider_id: 'anthropic', deployment_name: 'main', status: 'success', status_code: 200, error_message: null, latency: 0.7, start_time: '2026-03-01T12:00:00.600Z' },
      ],
    });
    const withoutContent = sampleLogRecord({ prompt_messages: undefined, completion_message: undefined });
    delete withoutContent.prompt_messages;
    delete withoutContent.completion_message;
    const nullAnswer = sampleLogRecord({ completion_message: null });
    await database.logs.insertMany([full, withoutContent, nullAnswer]);

    assert.deepEqual(await database.logs.get(full.unique_id), full);
    const stored = await database.logs.get(withoutContent.unique_id);
    assert.deepEqual(stored, withoutContent);
    assert.equal('prompt_messages' in stored!, false);
    assert.deepEqual(await database.logs.get(nullAnswer.unique_id), nullAnswer);
    assert.equal(await database.logs.get('missing'), undefined);
  });

  it('normalises timestamps to ISO 8601 with Z and survives awkward values', async (t) => {
    const database = await openFor(t, factory);
    const record = sampleLogRecord({ timestamp: '2026-03-01T13:00:00+01:00', error_message: 'nul\u0000byte', metadata: { text: 'a\u0000b' }, prompt_tokens: 10.6, cost: Number.NaN });
    await database.logs.insertMany([record]);
    const stored = await database.logs.get(record.unique_id);
    assert.equal(stored?.timestamp, '2026-03-01T12:00:00.000Z');
    assert.equal(stored?.error_message, 'nulbyte');
    assert.deepEqual(stored?.metadata, { text: 'ab' });
    assert.equal(stored?.prompt_tokens, 11);
    assert.equal(stored?.cost, 0);
  });

  it('inserting the same batch twice keeps one copy (retries are harmless)', async (t) => {
    const database = await openFor(t, factory);
    const records = [sampleLogRecord(), sampleLogRecord()];
    await database.logs.insertMany(records);
    await database.logs.insertMany(records);
    assert.equal((await database.logs.list(query({}))).count, 2);
  });

  it('filters with every operator, metadata included', async (t) => {
    const database = await openFor(t, factory);
    const one = sampleLogRecord({ model: 'gpt-4o', cost: 0.01, status_code: 200, customer_identifier: 'alice', metadata: { env: 'prod', tier: 3, beta: true }, api_key: 'key-a', stream: true, prompt_messages: [{ role: 'user', content: 'Tell me about Paris' }] });
    const two = sampleLogRecord({ model: 'gpt-4o-mini', cost: 0.02, status_code: 429, status: 'error', customer_identifier: 'bob', metadata: { env: 'dev', tier: 1 }, api_key: 'key-b' });
    const three = sampleLogRecord({ model: 'claude-sonnet-4-20250514', cost: 0.03, status_code: 500, status: 'error', customer_identifier: null, metadata: null, api_key: 'key-a' });
    await database.logs.insertMany([one, two, three]);
    const ids = async (filters: unknown) => (await database.logs.list(query(filters))).results.map((record) => record.unique_id).sort();
    const sorted = (...records: Array<{ unique_id: string }>) => records.map((record) => record.unique_id).sort();

    assert.deepEqual(await ids({ model: { operator: '', value: ['gpt-4o'] } }), sorted(one));
    assert.deepEqual(await ids({ model: { value: 'gpt-4o-mini' } }), sorted(two));
    assert.deepEqual(await ids({ model: { operator: 'in', value: ['gpt-4o', 'gpt-4o-mini'] } }), sorted(one, two));
    assert.deepEqual(await ids({ model: { operator: 'in', value: [] } }), []);
    assert.deepEqual(await ids({ cost: { operator: 'lt', value: [0.02] } }), sorted(one));
    assert.deepEqual(await ids({ cost: { operator: 'lte', value: [0.02] } }), sorted(one, two));
    assert.deepEqual(await ids({ cost: { operator: 'gt', value: ['0.02'] } }), sorted(three));
    assert.deepEqual(await ids({ status_code: { operator: 'gte', value: [429] } }), sorted(two, three));
    assert.deepEqual(await ids({ model: { operator: 'contains', value: ['gpt'] } }), sorted(one, two));
    assert.deepEqual(await ids({ model: { operator: 'contains', value: ['GPT'] } }), []);
    assert.deepEqual(await ids({ model: { operator: 'icontains', value: ['GPT-4O-'] } }), sorted(two));
    assert.deepEqual(await ids({ model: { operator: 'icontains', value: ['%'] } }), []);
    assert.deepEqual(await ids({ customer_identifier: { operator: 'not', value: ['alice'] } }), sorted(two, three));
    assert.deepEqual(await ids({ customer_identifier: { operator: 'isnull', value: [true] } }), sorted(three));
    assert.deepEqual(await ids({ customer_identifier: { operator: 'isnull', value: [false] } }), sorted(one, two));
    assert.deepEqual(await ids({ stream: { value: [true] } }), sorted(one));
    assert.deepEqual(await ids({ stream: { operator: 'not', value: [true] } }), sorted(two, three));
    assert.deepEqual(await ids({ organization_key__name: { value: ['key-a'] } }), sorted(one, three));
    assert.deepEqual(await ids({ prompt_messages: { operator: 'icontains', value: ['paris'] } }), sorted(one));
    assert.deepEqual(await ids({ model: { value: ["x' OR '1'='1"] } }), []);
    // Combined filters are ANDed.
    assert.deepEqual(await ids({ api_key: { value: ['key-a'] }, status: { value: ['error'] } }), sorted(three));

    // metadata__KEY compares the value as text, numbers and booleans included.
    assert.deepEqual(await ids({ metadata__env: { value: ['prod'] } }), sorted(one));
    assert.deepEqual(await ids({ metadata__env: { operator: 'in', value: ['prod', 'dev'] } }), sorted(one, two));
    assert.deepEqual(await ids({ metadata__tier: { value: [3] } }), sorted(one));
    assert.deepEqual(await ids({ metadata__tier: { value: ['1'] } }), sorted(two));
    assert.deepEqual(await ids({ metadata__beta: { value: ['true'] } }), sorted(one));
    assert.deepEqual(await ids({ metadata__env: { operator: 'icontains', value: ['PR'] } }), sorted(one));
    assert.deepEqual(await ids({ metadata__env: { operator: 'not', value: ['prod'] } }), sorted(two, three));
    assert.deepEqual(await ids({ metadata__env: { operator: 'isnull', value: [true] } }), sorted(three));
    assert.deepEqual(await ids({ metadata__missing: { value: ['x'] } }), []);
  });

  it('limits by time range (start inclusive, end exclusive), sorts and paginates', async (t) => {
    const database = await openFor(t, factory);
    const records = Array.from({ length: 25 }, (_, index) => sampleLogRecord({
      timestamp: new Date(Date.UTC(2026, 2, 1, 0, index)).toISOString(),
      cost: (index % 5) / 100,
      latency: 25 - index,
    }));
    await database.logs.insertMany(records);

    const inRange = await database.logs.list(query({}, { startTime: '2026-03-01T00:05:00Z', endTime: '2026-03-01T00:15:00.000Z' }));
    assert.equal(inRange.count, 10);
    assert.equal(inRange.results[0].timestamp, '2026-03-01T00:05:00.000Z');
    assert.equal(inRange.results.at(-1)?.timestamp, '2026-03-01T00:14:00.000Z');
    assert.equal((await database.logs.list(query({ timestamp: { operator: 'gte', value: ['2026-03-01T00:20:00Z'] } }))).count, 5);

    const newestFirst = await database.logs.list(query({}, { sortBy: '-timestamp', pageSize: 10 }));
    assert.equal(newestFirst.count, 25);
    assert.equal(newestFirst.results.length, 10);
    assert.equal(newestFirst.results[0].unique_id, records[24].unique_id);
    const lastPage = await database.logs.list(query({}, { sortBy: '-timestamp', pageSize: 10, page: 3 }));
    assert.deepEqual(lastPage.results.map((record) => record.unique_id), records.slice(0, 5).map((record) => record.unique_id).reverse());
    assert.equal((await database.logs.list(query({}, { page: 4, pageSize: 10 }))).results.length, 0);

    const allPages = [];
    for (let page = 1; page <= 3; page++) allPages.push(...(await database.logs.list(query({}, { sortBy: '-cost', page, pageSize: 10 }))).results);
    assert.equal(new Set(allPages.map((record) => record.unique_id)).size, 25);
    assert.deepEqual(allPages.map((record) => record.cost), [...allPages.map((record) => record.cost)].sort((left, right) => right - left));
    const byLatency = await database.logs.list(query({}, { sortBy: 'latency', pageSize: 1 }));
    assert.equal(byLatency.results[0].unique_id, records[24].unique_id);
  });

  it('summarises cost, tokens and requests over the same filters', async (t) => {
    const database = await openFor(t, factory);
    const records = Array.from({ length: 12 }, (_, index) => sampleLogRecord({
      cost: 0.001 * (index + 1), total_tokens: 10 * (index + 1), model: index % 2 === 0 ? 'gpt-4o' : 'gpt-4o-mini',
    }));
    await database.logs.insertMany(records);
    const summary = await database.logs.summarize({ filters: parseLogFilters({ filters: { model: { value: ['gpt-4o'] } } }) });
    const expected = records.filter((record) => record.model === 'gpt-4o');
    assert.equal(summary.number_of_requests, expected.length);
    assert.equal(summary.total_tokens, expected.reduce((sum, record) => sum + record.total_tokens, 0));
    assert.ok(Math.abs(summary.total_cost - expected.reduce((sum, record) => sum + record.cost, 0)) < 1e-12);
    assert.deepEqual(await database.logs.summarize({ filters: parseLogFilters({ filters: { model: { value: ['none'] } } }) }), { total_cost: 0, total_tokens: 0, number_of_requests: 0 });
  });

  it('lists a trace oldest first and groups traces with their sums', async (t) => {
    const database = await openFor(t, factory);
    const later = sampleLogRecord({ trace_unique_id: 'trace-1', timestamp: '2026-03-01T12:00:02.000Z', latency: 1, cost: 0.5, total_tokens: 5, status: 'error' });
    const earlier = sampleLogRecord({ trace_unique_id: 'trace-1', timestamp: '2026-03-01T12:00:00.000Z', latency: 0.5, cost: 0.25, total_tokens: 7 });
    const other = sampleLogRecord({ trace_unique_id: 'trace-2', timestamp: '2026-03-02T00:00:00.000Z', cost: 0.1 });
    await database.logs.insertMany([later, earlier, other]);
    assert.deepEqual((await database.logs.listTrace('trace-1')).map((record) => record.unique_id), [earlier.unique_id, later.unique_id]);
    assert.deepEqual(await database.logs.listTrace('none'), []);

    const traces = await database.logs.listTraces(query({}, { sortBy: 'start_time' }));
    assert.equal(traces.count, 2);
    assert.deepEqual(traces.results[0], {
      trace_unique_id: 'trace-1', start_time: '2026-03-01T12:00:00.000Z', end_time: '2026-03-01T12:00:03.000Z', duration: 3,
      span_count: 4, error_count: 1, total_cost: 0.75, total_tokens: 12, prompt_tokens: 20, completion_tokens: 10,
      customer_identifier: null, thread_identifier: null,
    });
    const filtered = await database.logs.listTraces(query({ cost: { operator: 'lt', value: [0.2] } }, { sortBy: '-total_cost' }));
    assert.deepEqual(filtered.results.map((trace) => trace.trace_unique_id), ['trace-2']);
  });

  it('deletes logs older than a time in batches', async (t) => {
    const database = await openFor(t, factory);
    const old = Array.from({ length: 7 }, (_, index) => sampleLogRecord({ timestamp: new Date(Date.UTC(2025, 0, 1, 0, index)).toISOString() }));
    const recent = sampleLogRecord({ timestamp: '2026-03-01T00:00:00.000Z' });
    await database.logs.insertMany([...old, recent]);
    assert.equal(await database.logs.deleteOlderThan('2026-01-01T00:00:00Z', 5), 5);
    assert.equal(await database.logs.deleteOlderThan('2026-01-01T00:00:00Z', 5), 2);
    assert.equal(await database.logs.deleteOlderThan('2026-01-01T00:00:00Z', 5), 0);
    assert.deepEqual((await database.logs.list(query({}))).results.map((record) => record.unique_id), [recent.unique_id]);
  });
}
