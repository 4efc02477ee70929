import type { LogRecord } from '../../logging/log-record.ts';
import { collectCustomerSightings } from '../customer-sightings.ts';
import type { LogListQuery, LogQuery, LogRepository, LogSummary } from '../database.ts';
import type { TraceListing } from '../database-with-traces.ts';
import { buildLogListStatements, buildLogSummaryStatement, buildScoreSummaryStatement, decodeScoreSummaryRows, decodeSummaryRow } from '../log-query-sql.ts';
import { decodeLogRow, encodeLogRecord, logColumns, logSelectList } from '../log-row-codec.ts';
import { sqliteDialect } from '../sql-dialect.ts';
import { buildTraceListStatements, decodeTraceSummary, type TraceSummary } from '../trace-query-sql.ts';
import type { SqliteStatements } from './sqlite-statements.ts';

const selectList = logSelectList(sqliteDialect.jsonAsText);

// ON CONFLICT DO NOTHING: a batch retried after a failure it did not see commit is harmless.
const insertText = `INSERT INTO logs (${logColumns.map((column) => `"${column}"`).join(', ')})
  VALUES (${logColumns.map((_column, index) => `?${index + 1}`).join(', ')})
  ON CONFLICT ("unique_id") DO NOTHING`;

const upsertCustomerText = `INSERT INTO customers (customer_identifier, name, email, limits, first_seen, last_seen)
  VALUES (?1, ?2, ?3, '[]', ?4, ?5)
  ON CONFLICT (customer_identifier) DO UPDATE SET
    name = COALESCE(excluded.name, customers.name),
    email = COALESCE(excluded.email, customers.email),
    first_seen = MIN(customers.first_seen, excluded.first_seen),
    last_seen = MAX(customers.last_seen, excluded.last_seen)`;

/** Where writes go when they run on another thread (sqlite-write-thread.ts). */
export interface SqliteLogWrites {
  insertMany(records: readonly LogRecord[]): Promise<void>;
  deleteOlderThan(before: string, batchSize: number): Promise<number>;
}

/** A batch as SQLite binds it: flat values (booleans as 0/1) and the customers it mentions. */
export interface EncodedLogBatch {
  rows: Array<Array<string | number | null>>;
  sightings: ReturnType<typeof collectCustomerSightings>;
}

/**
 * Encodes a batch for SQLite. The write thread gets batches in this form: flat arrays of strings
 * and numbers cross threads as a cheap copy, where the records' nested objects would be walked
 * by the structured clone (the encoding is the same work either way).
 */
export function encodeLogBatch(records: readonly LogRecord[]): EncodedLogBatch {
  const rows = records.map((record) => {
    const values = encodeLogRecord(record);
    for (let index = 0; index < values.length; index++) {
      if (typeof values[index] === 'boolean') values[index] = values[index] ? 1 : 0;
    }
    return values as Array<string | number | null>;
  });
  return { rows, sightings: collectCustomerSightings(records) };
}

export class SqliteLogRepository implements LogRepository, TraceListing {
  readonly #statements: SqliteStatements;
  readonly #writes: SqliteLogWrites | undefined;

  /** With `writes`, inserts and deletes go there and this connection only reads. */
  constructor(statements: SqliteStatements, writes?: SqliteLogWrites) {
    this.#statements = statements;
    this.#writes = writes;
  }

  async insertMany(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    if (this.#writes !== undefined) return this.#writes.insertMany(records);
    this.insertEncoded(encodeLogBatch(records));
  }

  /** Writes rows already encoded by `encodeLogBatch` (the write thread receives them so). */
  insertEncoded(batch: EncodedLogBatch): void {
    const statements = this.#statements;
    statements.transaction(() => {
      const insert = statements.get(insertText);
      for (const values of batch.rows) insert.run(...values);
      const upsert = statements.get(upsertCustomerText);
      for (const sighting of batch.sightings) {
        upsert.run(sighting.customer_identifier, sighting.name, sighting.email, sighting.first_seen, sighting.last_seen);
      }
    });
  }

  async get(uniqueId: string): Promise<LogRecord | undefined> {
    const rows = this.#statements.all(`SELECT ${selectList} FROM logs WHERE unique_id = ?1`, [uniqueId]);
    return rows.length === 0 ? undefined : decodeLogRow(rows[0]);
  }

  async list(query: LogListQuery): Promise<{ count: number; results: LogRecord[] }> {
    const statements = buildLogListStatements(query, sqliteDialect);
    const count = Number(this.#statements.all(statements.count.text, statements.count.values)[0]?.count ?? 0);
    const rows = this.#statements.all(statements.page.text, statements.page.values);
    return { count, results: rows.map(decodeLogRow) };
  }

  async summarize(query: LogQuery): Promise<LogSummary> {
    const statement = buildLogSummaryStatement(query, sqliteDialect);
    const summary: LogSummary = decodeSummaryRow(this.#statements.all(statement.text, statement.values)[0]);
    const scoreStatement = buildScoreSummaryStatement(query, sqliteDialect);
    const scores = decodeScoreSummaryRows(this.#statements.all(scoreStatement.text, scoreStatement.values));
    return scores === undefined ? summary : { ...summary, scores };
  }

  async listTrace(traceUniqueId: string): Promise<LogRecord[]> {
    const rows = this.#statements.all(`SELECT ${selectList} FROM logs WHERE trace_unique_id = ?1 ORDER BY "timestamp", unique_id`, [traceUniqueId]);
    return rows.map(decodeLogRow);
  }

  async listTraces(query: LogListQuery): Promise<{ count: number; results: TraceSummary[] }> {
    const statements = buildTraceListStatements(query, sqliteDialect);
    const count = Number(this.#statements.all(statements.count.text, statements.count.values)[0]?.count ?? 0);
    const rows = this.#statements.all(statements.page.text, statements.page.values);
    return { count, results: rows.map(decodeTraceSummary) };
  }

  async deleteOlderThan(before: string, batchSize: number): Promise<number> {
    if (this.#writes !== undefined) return this.#writes.deleteOlderThan(before, batchSize);
    return this.#statements.run(
      'DELETE FROM logs WHERE rowid IN (SELECT rowid FROM logs WHERE "timestamp" < ?1 LIMIT ?2)',
      [new Date(before).toISOString(), batchSize],
    );
  }
}
