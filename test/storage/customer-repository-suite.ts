import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseCustomerFilters } from '../../src/logging/log-filters.ts';
import type { CustomerListQuery } from '../../src/storage/database.ts';
import { openFor, type DatabaseFactory } from './log-repository-suite.ts';
import { sampleLogRecord } from './sample-log-record.ts';

function query(filters: unknown, overrides: Partial<CustomerListQuery> = {}): CustomerListQuery {
  return { filters: parseCustomerFilters({ filters }), sortBy: 'customer_identifier', page: 1, pageSize: 100, ...overrides };
}

/** End customers (the users API) both stores must share. */
export function customerRepositorySuite(factory: DatabaseFactory): void {
  it('aggregates requests, tokens and cost per customer, over a period too', async (t) => {
    const database = await openFor(t, factory);
    const logs = [
      sampleLogRecord({ customer_identifier: 'alice', customer_name: 'Alice', total_tokens: 100, cost: 0.5, timestamp: '2026-03-01T00:00:00.000Z' }),
      sampleLogRecord({ customer_identifier: 'alice', customer_email: 'alice@example.com', total_tokens: 50, cost: 0.25, timestamp: '2026-03-02T00:00:00.000Z' }),
      sampleLogRecord({ customer_identifier: 'bob', total_tokens: 10, cost: 2, timestamp: '2026-03-01T06:00:00.000Z' }),
      sampleLogRecord({ customer_identifier: 'carol', total_tokens: 1, cost: 0.001, timestamp: '2026-02-01T00:00:00.000Z' }),
      sampleLogRecord({ customer_identifier: null, total_tokens: 999, cost: 9 }),
    ];
    await database.logs.insertMany(logs.slice(0, 2));
    await database.logs.insertMany(logs.slice(2));

    const all = await database.customers.list(query({}));
    assert.equal(all.count, 3);
    const alice = all.results.find((user) => user.customer_identifier === 'alice');
    assert.deepEqual(alice, {
      customer_identifier: 'alice', name: 'Alice', email: 'alice@example.com', limits: [],
      first_seen: '2026-03-01T00:00:00.000Z', last_seen: '2026-03-02T00:00:00.000Z',
      number_of_requests: 2, total_tokens: 150, total_cost: 0.75,
    });

    const byCost = await database.customers.list(query({}, { sortBy: '-total_cost' }));
    assert.deepEqual(byCost.results.map((user) => user.customer_identifier), ['bob', 'alice', 'carol']);
    const march = await database.customers.list(query({}, { startTime: '2026-03-01T00:00:00Z', endTime: '2026-03-02T00:00:00Z', sortBy: '-number_of_requests' }));
    assert.deepEqual(march.results.map((user) => [user.customer_identifier, user.number_of_requests]), [['bob', 1], ['alice', 1], ['carol', 0]]);
    const big = await database.customers.list(query({ total_tokens: { operator: 'gte', value: [10] }, name: { operator: 'isnull', value: [true] } }));
    assert.deepEqual(big.results.map((user) => user.customer_identifier), ['bob']);
    const paged = await database.customers.list(query({}, { pageSize: 2, page: 2 }));
    assert.equal(paged.count, 3);
    assert.deepEqual(paged.results.map((user) => user.customer_identifier), ['carol']);

    const one = await database.customers.get('alice', { startTime: '2026-03-02T00:00:00Z' });
    assert.equal(one?.number_of_requests, 1);
    assert.equal(one?.total_tokens, 50);
    assert.equal(await database.customers.get('nobody'), undefined);
  });

  it('update creates a missing customer and changes only the fields given', async (t) => {
    const database = await openFor(t, factory);
    const created = await database.customers.update('dave', { name: 'Dave' });
    assert.equal(created.customer_identifier, 'dave');
    assert.equal(created.name, 'Dave');
    assert.equal(created.email, null);
    assert.match(created.first_seen, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const limits = [{ metric: 'cost' as const, window: 'day' as const, blockAt: 5 }];
    const updated = await database.customers.update('dave', { email: 'dave@example.com', limits });
    assert.equal(updated.name, 'Dave');
    assert.equal(updated.email, 'dave@example.com');
    assert.deepEqual(updated.limits, limits);
    assert.deepEqual((await database.customers.update('dave', {})).limits, limits);
    assert.equal((await database.customers.update('dave', { name: null })).name, null);

    // A request naming the customer later keeps the limits set through the API.
    await database.logs.insertMany([sampleLogRecord({ customer_identifier: 'dave', customer_name: 'David' })]);
    const seen = await database.customers.get('dave');
    assert.equal(seen?.name, 'David');
    assert.deepEqual(seen?.limits, limits);
    assert.equal(seen?.number_of_requests, 1);
  });

  it('delete removes the customer and their logs only', async (t) => {
    const database = await openFor(t, factory);
    await database.logs.insertMany([
      sampleLogRecord({ customer_identifier: 'erin' }), sampleLogRecord({ customer_identifier: 'erin' }), sampleLogRecord({ customer_identifier: 'frank' }),
    ]);
    assert.deepEqual(await database.customers.delete('erin'), { customers: 1, logs: 2 });
    assert.equal(await database.customers.get('erin'), undefined);
    assert.equal((await database.customers.list(query({}))).count, 1);
    assert.equal((await database.logs.summarize({ filters: [] })).number_of_requests, 1);
    assert.deepEqual(await database.customers.delete('erin'), { customers: 0, logs: 0 });
  });
}
