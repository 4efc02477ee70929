import type { Sql, TransactionSql } from 'postgres';
import type { Statement } from '../log-query-sql.ts';

type Row = Record<string, unknown>;

/**
 * Runs a built statement. `prepare` is for statements whose text never varies (inserts, lookups):
 * they are parsed once per connection. Filtered lists vary with their filters and stay unprepared
 * so the per-connection statement cache cannot grow without bound.
 */
export async function runStatement(sql: Sql | TransactionSql, statement: Statement, options: { prepare?: boolean } = {}): Promise<Row[]> {
  // The driver's parameter type is a union it cannot name for unknown values; they are plain
  // strings, numbers, booleans, nulls and arrays of those here.
  const values = statement.values as Parameters<Sql['unsafe']>[1];
  const rows = await sql.unsafe<Row[]>(statement.text, values, { prepare: options.prepare ?? false });
  return rows;
}

export async function runCount(sql: Sql, statement: Statement): Promise<number> {
  const rows = await runStatement(sql, statement);
  return Number(rows[0]?.count ?? 0);
}
