import { logFields, type FieldKind } from '../logging/log-fields.ts';
import type { LogRecord } from '../logging/log-record.ts';

/**
 * LogRecord ⇄ table row, shared by both stores. Encoding also makes every value one the columns
 * accept (finite numbers, whole token counts, normalised timestamps, no NUL characters), because a
 * batch with one unwritable row would otherwise be retried forever.
 */

/** The `logs` columns, in the order encodeLogRecord returns values. */
export const logColumns: readonly string[] = Object.keys(logFields);
export const logColumnKinds: readonly FieldKind[] = logColumns.map((column) => logFields[column]);

const notNullColumns = new Set([
  'unique_id', 'timestamp', 'trace_unique_id', 'model', 'status', 'status_code', 'stream', 'cache_hit', 'latency',
  'prompt_tokens', 'completion_tokens', 'total_tokens', 'cached_tokens', 'cache_creation_tokens', 'reasoning_tokens',
  'cost', 'cost_estimated', 'fallback', 'log_type', 'attempts',
]);
/** Absent under disable_log, which is not the same as present and null. */
const contentColumns = new Set(['prompt_messages', 'completion_message']);
/** Optional LogRecord fields: left out of a decoded record when NULL, as they were when written. */
const optionalColumns = new Set(['span_unique_id', 'span_parent_id', 'span_name', 'prompt_id', 'prompt_version_number']);

/** Values in `logColumns` order: text, numbers, booleans, ISO timestamps, and JSON as text (or null). */
export function encodeLogRecord(record: LogRecord): unknown[] {
  const source = record as unknown as Record<string, unknown>;
  const values = new Array<unknown>(logColumns.length);
  for (let index = 0; index < logColumns.length; index++) {
    const column = logColumns[index];
    const value = source[column];
    // A JSON null answer is kept as JSON `null`; an absent one (disable_log) is SQL NULL.
    values[index] = value === null && contentColumns.has(column) ? 'null' : encodeValue(value, logColumnKinds[index], notNullColumns.has(column));
  }
  return values;
}

function encodeValue(value: unknown, kind: FieldKind, required: boolean): unknown {
  switch (kind) {
    case 'text':
      if (value === null || value === undefined) return required ? '' : null;
      return cleanText(typeof value === 'string' ? value : String(value));
    case 'integer':
      if (value === null || value === undefined) return required ? 0 : null;
      return toWholeNumber(value);
    case 'number':
      if (value === null || value === undefined) return required ? 0 : null;
      return toFiniteNumber(value);
    case 'boolean':
      return value === true;
    case 'timestamp':
      return normalizeTimestamp(value) ?? new Date().toISOString();
    case 'json':
      return value === undefined || value === null ? (required ? '[]' : null) : toJsonText(value);
  }
}

function toFiniteNumber(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : 0;
}

function toWholeNumber(value: unknown): number {
  const number = Math.round(toFiniteNumber(value));
  // Postgres `integer` columns hold 32-bit values.
  return Math.max(-2_147_483_648, Math.min(2_147_483_647, number));
}

/** An ISO 8601 instant with milliseconds and `Z`, the one form that sorts as text on SQLite. */
const canonicalTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function normalizeTimestamp(value: unknown): string | undefined {
  // Timestamps the gateway writes are already canonical; skip the parse and format for them.
  if (typeof value === 'string' && canonicalTimestamp.test(value)) return value;
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const milliseconds = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(milliseconds) ? new Date(milliseconds).toISOString() : undefined;
}

/** Postgres text refuses NUL characters and lone surrogates; drop the first, repair the second. */
function cleanText(text: string): string {
  const withoutNul = text.includes('\0') ? text.replaceAll('\0', '') : text;
  return withoutNul.isWellFormed() ? withoutNul : withoutNul.toWellFormed();
}

/** JSON.stringify escapes NUL as `\u0000` and a lone surrogate as `\udXXX`, lowercase. */
const suspiciousEscape = /\\u0000|\\ud[89a-f]/;

/** JSON text Postgres' json/jsonb accept: no `\u0000`, no lone surrogates, bigints as text. */
export function toJsonText(value: unknown): string | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
    if (text !== undefined && text.includes('\\u') && suspiciousEscape.test(text)) text = JSON.stringify(value, cleaningReplacer);
  } catch {
    try {
      text = JSON.stringify(value, cleaningReplacer);
    } catch {
      return null; // circular: there is nothing faithful to store
    }
  }
  return text ?? null;
}

function cleaningReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** A stored row back to a LogRecord; tolerant of either driver's types (0/1 or booleans, Date or text, bigints as text). */
export function decodeLogRow(row: Record<string, unknown>): LogRecord {
  const record: Record<string, unknown> = {};
  for (let index = 0; index < logColumns.length; index++) {
    const column = logColumns[index];
    const stored = row[column];
    if ((stored === null || stored === undefined) && (contentColumns.has(column) || optionalColumns.has(column))) continue;
    record[column] = decodeValue(stored, logColumnKinds[index]);
  }
  if (record.attempts === null) record.attempts = [];
  return record as unknown as LogRecord;
}

export function decodeValue(value: unknown, kind: FieldKind): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
      return String(value);
    case 'integer':
    case 'number':
      return Number(value);
    case 'boolean':
      return value === true || value === 1 || value === 1n || value === 't';
    case 'timestamp':
      return normalizeTimestamp(value) ?? String(value);
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
  }
}

/** Text columns for a SELECT: JSON read as text on Postgres so both stores parse it the same way. */
export function logSelectList(jsonAsText: (column: string) => string): string {
  return logColumns
    .map((column, index) => (logColumnKinds[index] === 'json' ? `${jsonAsText(`"${column}"`)} AS "${column}"` : `"${column}"`))
    .join(', ');
}
