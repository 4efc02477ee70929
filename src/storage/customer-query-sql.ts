import type { LimitConfig } from '../config/config.ts';
import { customerFields } from '../logging/log-fields.ts';
import { readSortOrder } from '../logging/parse-sort-by.ts';
import { buildFilterConditions, buildTimeRangeConditions, orderByClause, whereClause } from './build-filter-sql.ts';
import type { CustomerListQuery, CustomerRow, CustomerWithUsage } from './database.ts';
import { readBound, type Statement } from './log-query-sql.ts';
import { normalizeTimestamp } from './log-row-codec.ts';
import { SqlParameters, type SqlDialect } from './sql-dialect.ts';

/**
 * Users with their usage over a period: every customers row joined with the sums of its logs in
 * [startTime, endTime). The join sits in a CTE so filters and sorting apply to the aggregates too.
 */
function usersCte(options: { startTime?: string; endTime?: string; customerIdentifier?: string; dialect: SqlDialect; parameters: SqlParameters }): string {
  const { dialect, parameters } = options;
  const usageConditions = ['"customer_identifier" IS NOT NULL'];
  if (options.customerIdentifier !== undefined) usageConditions.push(`"customer_identifier" = ${parameters.add(options.customerIdentifier, 'text')}`);
  usageConditions.push(...buildTimeRangeConditions({
    column: 'timestamp',
    startTime: readBound(options.startTime, 'start_time'),
    endTime: readBound(options.endTime, 'end_time'),
    parameters,
  }));
  return `WITH usage AS (
      SELECT "customer_identifier", COUNT(*) AS number_of_requests, COALESCE(SUM("total_tokens"), 0) AS total_tokens, COALESCE(SUM("cost"), 0) AS total_cost
      FROM logs ${whereClause(usageConditions)} GROUP BY "customer_identifier"
    ), users AS (
      SELECT customers.customer_identifier, customers.name, customers.email, ${dialect.jsonAsText('customers.limits')} AS limits,
        customers.first_seen, customers.last_seen,
        COALESCE(usage.number_of_requests, 0) AS number_of_requests,
        COALESCE(usage.total_tokens, 0) AS total_tokens,
        COALESCE(usage.total_cost, 0) AS total_cost
      FROM customers LEFT JOIN usage ON usage.customer_identifier = customers.customer_identifier
    )`;
}

export function buildCustomerListStatements(query: CustomerListQuery, dialect: SqlDialect): { count: Statement; page: Statement } {
  const build = (parameters: SqlParameters) => {
    const cte = usersCte({ startTime: query.startTime, endTime: query.endTime, dialect, parameters });
    const where = whereClause(buildFilterConditions({ filters: query.filters, fields: customerFields, dialect, parameters, metadata: false }));
    return `${cte} SELECT * FROM users ${where}`;
  };
  const countParameters = new SqlParameters(dialect);
  const countText = build(countParameters);
  const pageParameters = new SqlParameters(dialect);
  const pageText = build(pageParameters);
  const order = orderByClause({ ...readSortOrder(query.sortBy, customerFields), tieBreaker: 'customer_identifier' });
  const limit = pageParameters.add(query.pageSize, 'integer');
  const offset = pageParameters.add((query.page - 1) * query.pageSize, 'integer');
  return {
    count: { text: `SELECT COUNT(*) AS count FROM (${countText}) AS matching`, values: countParameters.values },
    page: { text: `${pageText} ${order} LIMIT ${limit} OFFSET ${offset}`, values: pageParameters.values },
  };
}

export function buildCustomerGetStatement(
  customerIdentifier: string,
  period: { startTime?: string; endTime?: string },
  dialect: SqlDialect,
): Statement {
  const parameters = new SqlParameters(dialect);
  const cte = usersCte({ ...period, customerIdentifier, dialect, parameters });
  return { text: `${cte} SELECT * FROM users WHERE customer_identifier = ${parameters.add(customerIdentifier, 'text')}`, values: parameters.values };
}

export function decodeCustomerRow(row: Record<string, unknown>): CustomerRow {
  return {
    customer_identifier: String(row.customer_identifier),
    name: row.name === null || row.name === undefined ? null : String(row.name),
    email: row.email === null || row.email === undefined ? null : String(row.email),
    limits: decodeLimits(row.limits),
    first_seen: normalizeTimestamp(row.first_seen) ?? String(row.first_seen),
    last_seen: normalizeTimestamp(row.last_seen) ?? String(row.last_seen),
  };
}

export function decodeCustomerWithUsage(row: Record<string, unknown>): CustomerWithUsage {
  return {
    ...decodeCustomerRow(row),
    number_of_requests: Number(row.number_of_requests ?? 0),
    total_tokens: Number(row.total_tokens ?? 0),
    total_cost: Number(row.total_cost ?? 0),
  };
}

export function decodeLimits(value: unknown): LimitConfig[] {
  if (value === null || value === undefined) return [];
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? (parsed as LimitConfig[]) : [];
}
