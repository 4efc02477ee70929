import { ValidationError } from '../errors/validation-error.ts';
import { readSortOrder } from '../logging/parse-sort-by.ts';
import { logFields, scoreEvaluatorIdPattern, scoreFieldPrefix } from '../logging/log-fields.ts';
import { buildFilterConditions, buildTimeRangeConditions, orderByClause, scoreExpression, whereClause } from './build-filter-sql.ts';
import type { LogListQuery, LogQuery, LogSummary } from './database.ts';
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
  const order = scoreOrderBy(query.sortBy, pageParameters) ?? orderByClause({ ...readSortOrder(query.sortBy, logFields), tieBreaker: 'unique_id' });
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

/** `ORDER BY` one evaluator's score (`scores__ID` / `-scores__ID`), logs without one last. */
function scoreOrderBy(sortBy: string, parameters: SqlParameters): string | undefined {
  const descending = sortBy.startsWith('-');
  const field = descending ? sortBy.slice(1) : sortBy;
  if (!field.startsWith(scoreFieldPrefix)) return undefined;
  const evaluatorId = field.slice(scoreFieldPrefix.length);
  if (!scoreEvaluatorIdPattern.test(evaluatorId)) throw new ValidationError({ sort_by: [`Unknown sort field '${field}'`] }, `Unknown sort field '${field}'`);
  const direction = descending ? 'DESC' : 'ASC';
  return `ORDER BY ${scoreExpression(parameters.add(evaluatorId, 'text'))} ${direction} NULLS LAST, "unique_id" ${direction}`;
}

/**
 * Per-evaluator aggregates over the scores of the matching logs, for the summary's `scores`:
 * numerical evaluators give an average, boolean ones true and false counts.
 */
export function buildScoreSummaryStatement(query: LogQuery, dialect: SqlDialect): Statement {
  const parameters = new SqlParameters(dialect);
  const where = buildLogWhere(query, dialect, parameters);
  return {
    text: `SELECT scores.evaluator_id AS evaluator_id, scores.score_value_type AS score_value_type,
        AVG(scores.numeric_score) AS avg_score,
        SUM(CASE WHEN scores.boolean_value = 1 THEN 1 ELSE 0 END) AS true_count,
        SUM(CASE WHEN scores.boolean_value = 0 THEN 1 ELSE 0 END) AS false_count
      FROM scores WHERE scores.numeric_score IS NOT NULL
        AND scores.log_unique_id IN (SELECT unique_id FROM logs ${where})
      GROUP BY scores.evaluator_id, scores.score_value_type`,
    values: parameters.values,
  };
}

export function decodeScoreSummaryRows(rows: ReadonlyArray<Record<string, unknown>>): LogSummary['scores'] {
  if (rows.length === 0) return undefined;
  const scores: NonNullable<LogSummary['scores']> = {};
  for (const row of rows) {
    scores[String(row.evaluator_id)] = row.score_value_type === 'boolean'
      ? { true_count: Number(row.true_count ?? 0), false_count: Number(row.false_count ?? 0) }
      : { avg_score: Number(row.avg_score ?? 0) };
  }
  return scores;
}
