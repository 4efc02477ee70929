import { ValidationError } from '../errors/validation-error.ts';
import { metadataFieldPrefix, metadataKeyPattern, scoreEvaluatorIdPattern, scoreFieldPrefix, type FieldCatalogue, type FieldKind } from '../logging/log-fields.ts';
import type { LogFilter } from './database.ts';
import { quoteIdentifier, type SqlDialect, type SqlParameters } from './sql-dialect.ts';

/**
 * Turns validated LogFilters into SQL conditions (to be joined with AND). Field names become
 * identifiers only after a whitelist check; every value becomes a parameter.
 */
export function buildFilterConditions(options: {
  filters: readonly LogFilter[];
  fields: FieldCatalogue;
  dialect: SqlDialect;
  parameters: SqlParameters;
  /** Whether `metadata__KEY` may be used (logs only). */
  metadata: boolean;
}): string[] {
  const conditions: string[] = [];
  for (const filter of options.filters) {
    const condition = buildCondition(filter, options);
    if (condition !== undefined) conditions.push(condition);
  }
  return conditions;
}

function buildCondition(
  filter: LogFilter,
  options: { fields: FieldCatalogue; dialect: SqlDialect; parameters: SqlParameters; metadata: boolean },
): string | undefined {
  const { dialect, parameters } = options;
  const { expression, kind } = resolveExpression(filter.field, options);
  const values = filter.value;
  const bindAll = () => values.map((value) => parameters.add(value, kind)).join(', ');
  switch (filter.operator) {
    case '':
    case 'in':
      if (values.length === 0) return '1 = 0';
      return values.length === 1 ? `${expression} = ${parameters.add(values[0], kind)}` : `${expression} IN (${bindAll()})`;
    case 'not':
      // Like Django's exclude(): rows where the field is empty are not "equal", so they stay.
      if (values.length === 0) return undefined;
      return `(${expression} IS NULL OR ${expression} NOT IN (${bindAll()}))`;
    case 'lt':
      return `${expression} < ${parameters.add(values[0], kind)}`;
    case 'lte':
      return `${expression} <= ${parameters.add(values[0], kind)}`;
    case 'gt':
      return `${expression} > ${parameters.add(values[0], kind)}`;
    case 'gte':
      return `${expression} >= ${parameters.add(values[0], kind)}`;
    case 'contains':
    case 'icontains': {
      const caseInsensitive = filter.operator === 'icontains';
      const pattern = parameters.add(dialect.containsValue(String(values[0]), caseInsensitive), 'text');
      return dialect.contains(expression, pattern, caseInsensitive);
    }
    case 'isnull':
      return values[0] === false ? `${expression} IS NOT NULL` : `${expression} IS NULL`;
  }
}

function resolveExpression(
  field: string,
  options: { fields: FieldCatalogue; dialect: SqlDialect; parameters: SqlParameters; metadata: boolean },
): { expression: string; kind: FieldKind } {
  if (options.metadata && field.startsWith(metadataFieldPrefix)) {
    const key = field.slice(metadataFieldPrefix.length);
    if (!metadataKeyPattern.test(key)) throw unknownField(field);
    const keyParameter = options.parameters.add(options.dialect.metadataKeyValue(key), 'text');
    return { expression: options.dialect.metadataText(keyParameter), kind: 'text' };
  }
  if (options.metadata && field.startsWith(scoreFieldPrefix)) {
    const evaluatorId = field.slice(scoreFieldPrefix.length);
    if (!scoreEvaluatorIdPattern.test(evaluatorId)) throw unknownField(field);
    return { expression: scoreExpression(options.parameters.add(evaluatorId, 'text')), kind: 'number' };
  }
  const kind = Object.hasOwn(options.fields, field) ? options.fields[field] : undefined;
  if (kind === undefined) throw unknownField(field);
  const column = quoteIdentifier(field);
  return { expression: kind === 'json' ? options.dialect.jsonAsText(column) : column, kind };
}

/** The log's score from one evaluator (at most one row: scores are unique per log and evaluator). */
export function scoreExpression(evaluatorIdParameter: string): string {
  return `(SELECT scores.numeric_score FROM scores WHERE scores.log_unique_id = logs.unique_id AND scores.evaluator_id = ${evaluatorIdParameter})`;
}

function unknownField(field: string): ValidationError {
  return new ValidationError({ filters: [`Unknown filter field '${field}'`] }, `Unknown filter field '${field}'`);
}

/** `column >= start AND column < end` (start inclusive, end exclusive), for whichever bounds are given. */
export function buildTimeRangeConditions(options: {
  column: string;
  startTime?: string;
  endTime?: string;
  parameters: SqlParameters;
}): string[] {
  const conditions: string[] = [];
  const column = quoteIdentifier(options.column);
  if (options.startTime !== undefined) conditions.push(`${column} >= ${options.parameters.add(options.startTime, 'timestamp')}`);
  if (options.endTime !== undefined) conditions.push(`${column} < ${options.parameters.add(options.endTime, 'timestamp')}`);
  return conditions;
}

export function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

/** `ORDER BY` for a whitelisted field, with a unique tie-breaker so pages never overlap. */
export function orderByClause(options: { field: string; descending: boolean; tieBreaker: string }): string {
  const direction = options.descending ? 'DESC' : 'ASC';
  const column = quoteIdentifier(options.field);
  const tieBreaker = quoteIdentifier(options.tieBreaker);
  // Both stores put empty values last either way, so the two answer in the same order.
  const primary = `${column} ${direction} NULLS LAST`;
  return options.field === options.tieBreaker ? `ORDER BY ${primary}` : `ORDER BY ${primary}, ${tieBreaker} ${direction}`;
}
