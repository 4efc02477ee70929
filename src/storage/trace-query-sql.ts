import { traceSummaryFields } from '../logging/log-fields.ts';
import { readSortOrder } from '../logging/parse-sort-by.ts';
import { orderByClause } from './build-filter-sql.ts';
import type { LogListQuery } from './database.ts';
import { buildLogWhere, type Statement } from './log-query-sql.ts';
import { normalizeTimestamp } from './log-row-codec.ts';
import { SqlParameters, type SqlDialect } from './sql-dialect.ts';

/**
 * Traces list: logs grouped by trace_unique_id. Filters select logs first, then the matching logs
 * of each trace are summed. Sorting is by the summary's own fields (traceSummaryFields).
 */
export interface TraceSummary {
  trace_unique_id: string;
  start_time: string;
  end_time: string;
  /** Seconds from the first log's arrival to the last one's end. */
  duration: number;
  /** Logs plus their upstream attempts: the spans GET /traces/{id}/ returns. */
  span_count: number;
  error_count: number;
  total_cost: number;
  total_tokens: number;
  prompt_tokens: number;
  completion_tokens: number;
  customer_identifier: string | null;
  thread_identifier: string | null;
}

export function buildTraceListStatements(query: LogListQuery, dialect: SqlDialect): { count: Statement; page: Statement } {
  const countParameters = new SqlParameters(dialect);
  const countWhere = buildLogWhere(query, dialect, countParameters);
  const pageParameters = new SqlParameters(dialect);
  const pageWhere = buildLogWhere(query, dialect, pageParameters);
  const order = orderByClause({ ...readSortOrder(query.sortBy, traceSummaryFields), tieBreaker: 'trace_unique_id' });
  const limit = pageParameters.add(query.pageSize, 'integer');
  const offset = pageParameters.add((query.page - 1) * query.pageSize, 'integer');
  const summary = `SELECT "trace_unique_id",
      MIN("timestamp") AS start_time,
      MAX(${dialect.addSeconds('"timestamp"', '"latency"')}) AS end_time,
      COUNT(*) + COALESCE(SUM(json_array_length("attempts")), 0) AS span_count,
      SUM(CASE WHEN "status" = 'error' THEN 1 ELSE 0 END) AS error_count,
      COALESCE(SUM("cost"), 0) AS total_cost,
      COALESCE(SUM("total_tokens"), 0) AS total_tokens,
      COALESCE(SUM("prompt_tokens"), 0) AS prompt_tokens,
      COALESCE(SUM("completion_tokens"), 0) AS completion_tokens,
      MAX("customer_identifier") AS customer_identifier,
      MAX("thread_identifier") AS thread_identifier
    FROM logs ${pageWhere} GROUP BY "trace_unique_id"`;
  return {
    count: { text: `SELECT COUNT(DISTINCT "trace_unique_id") AS count FROM logs ${countWhere}`, values: countParameters.values },
    page: { text: `SELECT * FROM (${summary}) AS traces ${order} LIMIT ${limit} OFFSET ${offset}`, values: pageParameters.values },
  };
}

export function decodeTraceSummary(row: Record<string, unknown>): TraceSummary {
  const startTime = normalizeTimestamp(row.start_time) ?? String(row.start_time);
  const endTime = normalizeTimestamp(row.end_time) ?? startTime;
  return {
    trace_unique_id: String(row.trace_unique_id),
    start_time: startTime,
    end_time: endTime,
    duration: Math.max(0, (Date.parse(endTime) - Date.parse(startTime)) / 1000),
    span_count: Number(row.span_count),
    error_count: Number(row.error_count),
    total_cost: Number(row.total_cost),
    total_tokens: Number(row.total_tokens),
    prompt_tokens: Number(row.prompt_tokens),
    completion_tokens: Number(row.completion_tokens),
    customer_identifier: row.customer_identifier === null || row.customer_identifier === undefined ? null : String(row.customer_identifier),
    thread_identifier: row.thread_identifier === null || row.thread_identifier === undefined ? null : String(row.thread_identifier),
  };
}
