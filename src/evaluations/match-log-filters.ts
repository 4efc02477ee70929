import { createHash } from 'node:crypto';
import { metadataFieldPrefix } from '../logging/log-fields.ts';
import type { LogRecord } from '../logging/log-record.ts';
import type { LogFilter } from '../storage/database.ts';

/**
 * Evaluates parsed log filters (log-filters.ts) on one record in memory, with the SQL builder's
 * meaning (build-filter-sql.ts): `not` keeps empty fields, metadata compares as text, JSON fields
 * are searched as their JSON text. Score filters never match here: a log just written has none.
 */
export function matchesLogFilters(record: LogRecord, filters: readonly LogFilter[]): boolean {
  return filters.every((filter) => matchesFilter(record, filter));
}

function matchesFilter(record: LogRecord, filter: LogFilter): boolean {
  const actual = fieldValue(record, filter.field);
  const values = filter.value;
  switch (filter.operator) {
    case '':
    case 'in':
      return actual !== null && values.some((value) => same(actual, value));
    case 'not':
      return values.length === 0 || actual === null || !values.some((value) => same(actual, value));
    case 'lt': return actual !== null && compare(actual, values[0]) < 0;
    case 'lte': return actual !== null && compare(actual, values[0]) <= 0;
    case 'gt': return actual !== null && compare(actual, values[0]) > 0;
    case 'gte': return actual !== null && compare(actual, values[0]) >= 0;
    case 'contains':
      return actual !== null && String(actual).includes(String(values[0]));
    case 'icontains':
      return actual !== null && String(actual).toLowerCase().includes(String(values[0]).toLowerCase());
    case 'isnull':
      return values[0] === false ? actual !== null : actual === null;
  }
}

/** The field as SQL would see it: null for absent, JSON text for documents, text for metadata. */
function fieldValue(record: LogRecord, field: string): unknown {
  if (field.startsWith(metadataFieldPrefix)) {
    const value = record.metadata?.[field.slice(metadataFieldPrefix.length)];
    if (value === undefined || value === null) return null;
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  if (!Object.hasOwn(record, field)) return null;
  const value = (record as unknown as Record<string, unknown>)[field];
  if (value === undefined || value === null) return null;
  return typeof value === 'object' ? JSON.stringify(value) : value;
}

function same(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'number' || typeof expected === 'number') return Number(actual) === Number(expected);
  if (typeof actual === 'boolean' || typeof expected === 'boolean') return String(actual) === String(expected);
  if (isTimestamp(actual) && isTimestamp(expected)) return Date.parse(actual) === Date.parse(expected);
  return String(actual) === String(expected);
}

function compare(actual: unknown, expected: unknown): number {
  if (typeof actual === 'number') return actual - Number(expected);
  if (isTimestamp(actual) && isTimestamp(expected)) return Date.parse(actual) - Date.parse(expected);
  return String(actual) < String(expected) ? -1 : String(actual) > String(expected) ? 1 : 0;
}

function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value);
}

/**
 * Whether a log falls in a sample, decided by a hash of the log id and a salt (the automation or
 * request), so every replica, and a retry of the same write, makes the same choice.
 */
export function isSampled(options: { logUniqueId: string; salt: string; rate: number }): boolean {
  if (options.rate >= 1) return true;
  if (options.rate <= 0) return false;
  const digest = createHash('sha256').update(`${options.salt}:${options.logUniqueId}`).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000 < options.rate;
}
