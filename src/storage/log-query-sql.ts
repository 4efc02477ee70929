import { ValidationError } from '../errors/validation-error.ts';
import { logFields } from '../logging/log-fields.ts';
import { readSortOrder } from '../logging/parse-sort-by.ts';
import { buildFilterConditions, buildTimeRangeConditions, orderByClause, whereClause } from './build-filter-sql.ts';
import type { LogListQuery, LogQuery } from './database.ts';
import { logSelectList, normalizeTimestamp } from './log-row-codec.ts';
import { SqlParameters, type SqlDialect } from './sql-dialect.ts';

/** SQL text with its parameter values, ready for either driver. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** The WHERE clause of a logs query: filters and time range, parameters added to `parameters`. */
export function buildLogWhere(query: LogQuery, dialect: SqlDialect, parameters: SqlParameters): string {
  const conditions = buildFilterConditions({ filters: query.filters, fields: logFields, dialect, parameters, metadata: true });
  conditions.push(...buildTimeRangeConditions({
    column: 'timestamp',
    startTime: readBound(query.startTime, 'start_time'),
    endTime: readBound(query.endTime, 'end_time'),
    parameters,
  }));
  return whereClause(conditions);
}

/** Bounds arrive already checked by the API; normalising again keeps SQLite's text comparison exact. */
export function readBound(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const timestamp = normalizeTimestamp(value);
  if (timestamp === undefined) throw new ValidationError({ [name]: ['Expected an ISO 8601 timestamp'] }, `Invalid ${name}`);
  return timestamp;
}

export function buildLogListStatements(query: LogListQuery, dialect: SqlDialect): { count: Statement; page: Statement } {
  const countParameters = new SqlParameters(dialect);
  const countWhere = buildLogWhere(query, dialect, countParameters);
  const pageParameters = new SqlParameters(dialect);
  const pageWhere = buildLogWhere(query, dialect, pageParameters);
  const order = orderByClause({ ...readSortOrder(query.sortBy, logFields), tieBreaker: 'unique_id' });
  const limit = pageParameters.add(query.pageSize, 'integer');
  const offset = pageParameters.add((query.page - 1) * query.pageSize, 'integer');
  return {
    count: { text: `SELECT COUNT(*) AS count FROM logs ${countWhere}`, values: countParameters.values },
    page: {
      text: `SELECT ${logSelectList(dialect.jsonAsText)} FROM logs ${pageWhere} ${order} LIMIT ${limit} OFFSET ${offset}`,
      values: pageParameters.values,
    },
  };
}

export function buildLogSummaryStatement(query: LogQuery, dialect: SqlDialect): Statement {
  const parameters = new SqlParameters(dialect);
  const where = buildLogWhere(query, dialect, parameters);
  return {
    text: `SELECT COALESCE(SUM("cost"), 0) AS total_cost, COALESCE(SUM("total_tokens"), 0) AS total_tokens, COUNT(*) AS number_of_requests FROM logs ${where}`,
    values: parameters.values,
  };
}

export function decodeSummaryRow(row: Record<string, unknown> | undefined): { total_cost: number; total_tokens: number; number_of_requests: number } {
  return {
    total_cost: Number(row?.total_cost ?? 0),
    total_tokens: Number(row?.total_tokens ?? 0),
    number_of_requests: Number(row?.number_of_requests ?? 0),
  };
}
