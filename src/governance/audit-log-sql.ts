import type { AuditLogQuery } from './audit-log.ts';

/**
 * The WHERE clause of an audit-log listing, shared by SQLite (`?1`) and Postgres (`$1::text`):
 * each store says how it writes a numbered parameter. `"timestamp"` is quoted because it is a
 * keyword in Postgres.
 */
export function auditLogWhere(query: AuditLogQuery, options: { placeholder: (position: number) => string; timestampCast: string }): { where: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (condition: (parameter: string) => string, value: unknown) => {
    values.push(value);
    conditions.push(condition(options.placeholder(values.length)));
  };
  if (query.actor !== undefined) add((parameter) => `actor = ${parameter}`, query.actor);
  if (query.action !== undefined) add((parameter) => `action = ${parameter}`, query.action);
  // A prefix match written without LIKE, so `%` and `_` in a target are taken literally.
  if (query.target !== undefined) add((parameter) => `substr(target, 1, length(${parameter})) = ${parameter}`, query.target);
  if (query.startTime !== undefined) add((parameter) => `"timestamp" >= ${parameter}${options.timestampCast}`, query.startTime);
  if (query.endTime !== undefined) add((parameter) => `"timestamp" < ${parameter}${options.timestampCast}`, query.endTime);
  return { where: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, values };
}
