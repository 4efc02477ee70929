import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../errors/validation-error.ts';
import { parseCustomerFilters, parseLogFilters, toIsoTimestamp } from './log-filters.ts';
import { parseSortBy } from './parse-sort-by.ts';
import { logFieldAliases, logFields } from './log-fields.ts';

describe('parseLogFilters', () => {
  it("reads Respan's filter body, wrapping scalar values and defaulting the operator", () => {
    assert.deepEqual(parseLogFilters({ filters: {
      cost: { operator: 'gt', value: ['0.5'] },
      model: { value: 'gpt-4o' },
      stream: { operator: '', value: ['true'] },
      timestamp: { operator: 'gte', value: ['2026-03-01T01:00:00+01:00'] },
      metadata__env: { operator: 'in', value: ['prod', 3] },
      organization_key__name: { operator: 'icontains', value: ['team'] },
      customer_identifier: { operator: 'isnull', value: [false] },
    } }), [
      { field: 'cost', operator: 'gt', value: [0.5] },
      { field: 'model', operator: '', value: ['gpt-4o'] },
      { field: 'stream', operator: '', value: [true] },
      { field: 'timestamp', operator: 'gte', value: ['2026-03-01T00:00:00.000Z'] },
      { field: 'metadata__env', operator: 'in', value: ['prod', '3'] },
      { field: 'api_key', operator: 'icontains', value: ['team'] },
      { field: 'customer_identifier', operator: 'isnull', value: [false] },
    ]);
    assert.deepEqual(parseLogFilters(undefined), []);
    assert.deepEqual(parseLogFilters({}), []);
  });

  it('names every unknown field, operator and bad value in one 400', () => {
    assert.throws(
      () => parseLogFilters({ filters: { colour: { value: ['red'] }, cost: { operator: 'between', value: [1] }, status_code: { value: ['abc'] }, latency: { operator: 'contains', value: ['1'] } } }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.equal(error.status, 400);
        assert.deepEqual(error.errors.filters, [
          "Unknown filter field 'colour'",
          "Unknown filter operator 'between' for 'cost'",
          "Invalid value \"abc\" for filter field 'status_code' (expected an integer)",
          "Operator 'contains' is not supported for filter field 'latency'",
        ]);
        return true;
      },
    );
    assert.throws(() => parseLogFilters({ filters: [] }), ValidationError);
    assert.throws(() => parseLogFilters({ filters: { cost: { operator: 'gt', value: [] } } }), /needs a value/);
    assert.throws(() => parseLogFilters({ filters: { 'metadata__a"b': { value: ['x'] } } }), /Invalid metadata key/);
    assert.throws(() => parseLogFilters(JSON.parse('{"filters": {"__proto__": {"value": ["x"]}, "toString": {"value": ["x"]}}}')), /Unknown filter field '__proto__'; Unknown filter field 'toString'/);
  });

  it('users take their own fields, not metadata', () => {
    assert.deepEqual(parseCustomerFilters({ filters: { total_cost: { operator: 'gte', value: [1] } } }), [{ field: 'total_cost', operator: 'gte', value: [1] }]);
    assert.throws(() => parseCustomerFilters({ filters: { metadata__env: { value: ['x'] } } }), ValidationError);
  });
});

describe('parseSortBy', () => {
  it('accepts fields, descending and aliases; refuses the rest', () => {
    const options = { fields: logFields, aliases: logFieldAliases, defaultSort: '-timestamp' };
    assert.equal(parseSortBy({ ...options, sortBy: undefined }), '-timestamp');
    assert.equal(parseSortBy({ ...options, sortBy: '-id' }), '-timestamp');
    assert.equal(parseSortBy({ ...options, sortBy: 'cost' }), 'cost');
    assert.throws(() => parseSortBy({ ...options, sortBy: 'metadata' }), ValidationError);
    assert.throws(() => parseSortBy({ ...options, sortBy: 'cost; DROP TABLE logs' }), ValidationError);
  });
});

describe('toIsoTimestamp', () => {
  it('reads zone-less times as UTC', () => {
    assert.equal(toIsoTimestamp('2026-03-01T10:00:00'), '2026-03-01T10:00:00.000Z');
    assert.equal(toIsoTimestamp('2026-03-01 10:00:00'), '2026-03-01T10:00:00.000Z');
    assert.equal(toIsoTimestamp('2026-03-01'), '2026-03-01T00:00:00.000Z');
    assert.equal(toIsoTimestamp('2026-03-01T10:00:00-02:00'), '2026-03-01T12:00:00.000Z');
    assert.equal(toIsoTimestamp('soon'), undefined);
  });
});
