import type { Sql } from 'postgres';
import type { FieldKind } from '../../logging/log-fields.ts';
import type { LogRecord } from '../../logging/log-record.ts';
import { collectCustomerSightings } from '../customer-sightings.ts';
import type { LogListQuery, LogQuery, LogRepository, LogSummary } from '../database.ts';
import type { TraceListing } from '../database-with-traces.ts';
import { buildLogListStatements, buildLogSummaryStatement, buildScoreSummaryStatement, decodeScoreSummaryRows, decodeSummaryRow } from '../log-query-sql.ts';
import { decodeLogRow, encodeLogRecord, logColumnKinds, logColumns, logSelectList } from '../log-row-codec.ts';
import { postgresDialect } from '../sql-dialect.ts';
import { buildTraceListStatements, decodeTraceSummary, type TraceSummary } from '../trace-query-sql.ts';
import { runCount, runStatement } from './postgres-query.ts';

const selectList = logSelectList(postgresDialect.jsonAsText);

const castByKind: Readonly<Record<FieldKind, string>> = {
  text: '', integer: '::integer', number: '::float8', boolean: '::boolean', timestamp: '::timestamptz', json: '::json',
};

/**
 * One statement per batch: every column travels as one text array (unnest), so the statement text
 * is the same for any batch size and is prepared once per connection. The customers upsert rides
 * in the same statement, so logs and customers commit together. ON CONFLICT DO NOTHING makes a
 * retried batch (say, after a connection dropped before the commit was acknowledged) harmless.
 */
const insertStatement = (() => {
  const columnList = logColumns.map((column) => `"${column}"`).join(', ');
  const arrays = logColumns.map((_column, index) => `$${index + 1}::text[]`).join(', ');
  const converted = logColumns
    .map((column, index) => `"${column}"${column === 'metadata' ? '::jsonb' : castByKind[logColumnKinds[index]]}`)
    .join(', ');
  const next = logColumns.length + 1;
  return `WITH inserted_logs AS (
      INSERT INTO logs (${columnList})
      SELECT ${converted} FROM unnest(${arrays}) AS batch(${columnList})
      ON CONFLICT ("unique_id") DO NOTHING
    )
    INSERT INTO customers (customer_identifier, name, email, first_seen, last_seen)
    SELECT customer_identifier, name, email, first_seen::timestamptz, last_seen::timestamptz
    FROM unnest($${next}::text[], $${next + 1}::text[], $${next + 2}::text[], $${next + 3}::text[], $${next + 4}::text[])
      AS sightings(customer_identifier, name, email, first_seen, last_seen)
    ON CONFLICT (customer_identifier) DO UPDATE SET
      name = COALESCE(EXCLUDED.name, customers.name),
      email = COALESCE(EXCLUDED.email, customers.email),
      first_seen = LEAST(customers.first_seen, EXCLUDED.first_seen),
      last_seen = GREATEST(customers.last_seen, EXCLUDED.last_seen)`;
})();

export class PostgresLogRepository implements LogRepository, TraceListing {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async insertMany(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    const columns: unknown[][] = logColumns.map(() => new Array<unknown>(records.length));
    for (let row = 0; row < records.length; row++) {
      const values = encodeLogRecord(records[row]);
      for (let column = 0; column < values.length; column++) {
        const value = values[column];
        // As text: the driver would declare a JS boolean array as one `bool` parameter.
        columns[column][row] = typeof value === 'boolean' ? (value ? 'true' : 'false') : value;
      }
    }
    const sightings = collectCustomerSightings(records);
    const values = [
      ...columns,
      sightings.map((sighting) => sighting.customer_identifier),
      sightings.map((sighting) => sighting.name),
      sightings.map((sighting) => sighting.email),
      sightings.map((sighting) => sighting.first_seen),
      sightings.map((sighting) => sighting.last_seen),
    ];
    await runStatement(this.#sql, { text: insertStatement, values }, { prepare: true });
  }

  async get(uniqueId: string): Promise<LogRecord | undefined> {
    const rows = await runStatement(this.#sql, { text: `SELECT ${selectList} FROM logs WHERE unique_id = $1`, values: [uniqueId] }, { prepare: true });
    return rows.length === 0 ? undefined : decodeLogRow(rows[0]);
  }

  async list(query: LogListQuery): Promise<{ count: number; results: LogRecord[] }> {
    const statements = buildLogListStatements(query, postgresDialect);
    const [count, rows] = await Promise.all([runCount(this.#sql, statements.count), runStatement(this.#sql, statements.page)]);
    return { count, results: rows.map(decodeLogRow) };
  }

  async summarize(query: LogQuery): Promise<LogSummary> {
    const [rows, scoreRows] = await Promise.all([
      runStatement(this.#sql, buildLogSummaryStatement(query, postgresDialect)),
      runStatement(this.#sql, buildScoreSummaryStatement(query, postgresDialect)),
    ]);
    const summary: LogSummary = decodeSummaryRow(rows[0]);
    const scores = decodeScoreSummaryRows(scoreRows);
    return scores === undefined ? summary : { ...summary, scores };
  }

  async listTrace(traceUniqueId: string): Promise<LogRecord[]> {
    const rows = await runStatement(this.#sql, {
      text: `SELECT ${selectList} FROM logs WHERE trace_unique_id = $1 ORDER BY "timestamp", unique_id`,
      values: [traceUniqueId],
    }, { prepare: true });
    return rows.map(decodeLogRow);
  }

  async listTraces(query: LogListQuery): Promise<{ count: number; results: TraceSummary[] }> {
    const statements = buildTraceListStatements(query, postgresDialect);
    const [count, rows] = await Promise.all([runCount(this.#sql, statements.count), runStatement(this.#sql, statements.page)]);
    return { count, results: rows.map(decodeTraceSummary) };
  }

  async deleteOlderThan(before: string, batchSize: number): Promise<number> {
    const result = await this.#sql.unsafe(
      `DELETE FROM logs WHERE unique_id IN (SELECT unique_id FROM logs WHERE "timestamp" < $1::timestamptz LIMIT $2::integer)`,
      [before, batchSize],
      { prepare: true },
    );
    return result.count;
  }
}
