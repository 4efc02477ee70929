import type { FieldKind } from '../logging/log-fields.ts';

/**
 * What differs between the SQLite and Postgres spellings of the same query. The query builders
 * (log-query-sql.ts, customer-query-sql.ts, trace-query-sql.ts) are shared and ask the dialect
 * only for these fragments. Values always travel as numbered parameters (`$1` / `?1`), never
 * inside the SQL text.
 */
export interface SqlDialect {
  readonly kind: 'sqlite' | 'postgres';
  /** The placeholder for parameter `index` (from 1), typed for the column kind it is compared with. */
  parameter(index: number, kind: FieldKind): string;
  /** A boolean value as the driver binds it. */
  booleanValue(value: boolean): unknown;
  /** A metadata key's value as text; `keyParameter` holds what `metadataKeyValue` returned. */
  metadataText(keyParameter: string): string;
  metadataKeyValue(key: string): string;
  /** Case-sensitive and case-insensitive substring tests; `pattern` holds what `containsValue` returned. */
  contains(expression: string, parameter: string, caseInsensitive: boolean): string;
  containsValue(text: string, caseInsensitive: boolean): string;
  /** A JSON column as text, for substring search. */
  jsonAsText(column: string): string;
  /** The instant `secondsExpression` seconds after `timestampExpression`, as a comparable timestamp. */
  addSeconds(timestampExpression: string, secondsExpression: string): string;
}

const postgresCasts: Readonly<Record<FieldKind, string>> = {
  text: '::text',
  // bigint compares with integer columns without losing the index, and never overflows int4.
  integer: '::bigint',
  number: '::float8',
  boolean: '::boolean',
  timestamp: '::timestamptz',
  json: '::text',
};

export const postgresDialect: SqlDialect = {
  kind: 'postgres',
  parameter: (index, kind) => `$${index}${postgresCasts[kind]}`,
  booleanValue: (value) => value,
  metadataText: (keyParameter) => `("metadata" ->> ${keyParameter})`,
  metadataKeyValue: (key) => key,
  contains: (expression, parameter, caseInsensitive) =>
    caseInsensitive ? `${expression} ILIKE ${parameter} ESCAPE '\\'` : `strpos(${expression}, ${parameter}) > 0`,
  containsValue: (text, caseInsensitive) => (caseInsensitive ? `%${escapeLikePattern(text)}%` : text),
  jsonAsText: (column) => `${column}::text`,
  addSeconds: (timestampExpression, secondsExpression) => `(${timestampExpression} + ${secondsExpression} * interval '1 second')`,
};

export const sqliteDialect: SqlDialect = {
  kind: 'sqlite',
  parameter: (index) => `?${index}`,
  booleanValue: (value) => (value ? 1 : 0),
  // json_extract gives true/false as 1/0; Postgres' ->> gives 'true'/'false'. Both stores answer
  // the same text this way.
  metadataText: (keyParameter) =>
    `(CASE json_type("metadata", ${keyParameter}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract("metadata", ${keyParameter}) AS TEXT) END)`,
  metadataKeyValue: (key) => `$."${key}"`,
  // SQLite's LIKE ignores ASCII case; instr() is its case-sensitive substring test.
  contains: (expression, parameter, caseInsensitive) =>
    caseInsensitive ? `${expression} LIKE ${parameter} ESCAPE '\\'` : `instr(${expression}, ${parameter}) > 0`,
  containsValue: (text, caseInsensitive) => (caseInsensitive ? `%${escapeLikePattern(text)}%` : text),
  jsonAsText: (column) => column,
  addSeconds: (timestampExpression, secondsExpression) =>
    `strftime('%Y-%m-%dT%H:%M:%fZ', ${timestampExpression}, printf('%+.3f seconds', ${secondsExpression}))`,
};

function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Collects parameter values while a statement is built, so placeholders are numbered in one place. */
export class SqlParameters {
  readonly values: unknown[] = [];
  readonly #dialect: SqlDialect;

  constructor(dialect: SqlDialect) {
    this.#dialect = dialect;
  }

  add(value: unknown, kind: FieldKind = 'text'): string {
    this.values.push(kind === 'boolean' && typeof value === 'boolean' ? this.#dialect.booleanValue(value) : value);
    return this.#dialect.parameter(this.values.length, kind);
  }
}

/** A column name from a whitelist, quoted (`timestamp` is a keyword on Postgres). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
