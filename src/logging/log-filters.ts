import { ValidationError } from '../errors/validation-error.ts';
import type { FilterOperator, LogFilter } from '../storage/database.ts';
import {
  customerFieldAliases, customerFields, logFieldAliases, logFields, metadataFieldPrefix, metadataKeyPattern, scoreEvaluatorIdPattern, scoreFieldPrefix,
  type FieldCatalogue, type FieldKind,
} from './log-fields.ts';

/**
 * Reads Respan's filter body, `{"filters": {FIELD: {"operator": OP, "value": [..]}}}`, into
 * validated LogFilters. Field names are checked against a whitelist and values against the field's
 * kind here, at the edge, so storage only ever sees names it knows and values its columns accept
 * (a bad value is a 400 naming the field, never a SQL error).
 */

export interface FilterVocabulary {
  fields: FieldCatalogue;
  aliases: Readonly<Record<string, string>>;
  /** Whether `metadata__KEY` is accepted. */
  metadata: boolean;
}

export const logFilterVocabulary: FilterVocabulary = { fields: logFields, aliases: logFieldAliases, metadata: true };
export const customerFilterVocabulary: FilterVocabulary = { fields: customerFields, aliases: customerFieldAliases, metadata: false };

const operators: readonly FilterOperator[] = ['', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'icontains', 'not', 'isnull'];
const operatorsByKind: Readonly<Record<FieldKind, readonly FilterOperator[]>> = {
  text: operators,
  integer: ['', 'in', 'lt', 'lte', 'gt', 'gte', 'not', 'isnull'],
  number: ['', 'in', 'lt', 'lte', 'gt', 'gte', 'not', 'isnull'],
  timestamp: ['', 'in', 'lt', 'lte', 'gt', 'gte', 'not', 'isnull'],
  boolean: ['', 'in', 'not', 'isnull'],
  // JSON documents (messages, attempts) can only be searched as text.
  json: ['contains', 'icontains', 'isnull'],
};
const operatorsNeedingAValue = new Set<FilterOperator>(['lt', 'lte', 'gt', 'gte', 'contains', 'icontains']);

export function parseLogFilters(body: unknown): LogFilter[] {
  return parseFilters(body, logFilterVocabulary);
}

export function parseCustomerFilters(body: unknown): LogFilter[] {
  return parseFilters(body, customerFilterVocabulary);
}

export function parseFilters(body: unknown, vocabulary: FilterVocabulary): LogFilter[] {
  const filtersObject = readFiltersObject(body);
  const filters: LogFilter[] = [];
  const problems: string[] = [];
  for (const [name, condition] of Object.entries(filtersObject)) {
    try {
      filters.push(parseCondition(name, condition, vocabulary));
    } catch (error) {
      if (!(error instanceof FilterProblem)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new ValidationError({ filters: problems }, problems.join('; '));
  return filters;
}

class FilterProblem extends Error {}

function readFiltersObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (!isPlainObject(body)) throw new ValidationError({ body: ['Expected a JSON object'] }, 'Expected a JSON object body');
  const filters = body.filters;
  if (filters === undefined || filters === null) return {};
  if (!isPlainObject(filters)) throw new ValidationError({ filters: ['Expected an object of {FIELD: {operator, value}}'] }, 'filters must be an object');
  return filters;
}

function parseCondition(name: string, condition: unknown, vocabulary: FilterVocabulary): LogFilter {
  const { field, kind } = resolveField(name, vocabulary);
  if (!isPlainObject(condition)) throw new FilterProblem(`Filter '${name}' must be an object {"operator", "value"}`);
  const operator = condition.operator ?? '';
  if (typeof operator !== 'string' || !(operators as readonly string[]).includes(operator)) {
    throw new FilterProblem(`Unknown filter operator '${String(operator)}' for '${name}'`);
  }
  const filterOperator = operator as FilterOperator;
  if (!operatorsByKind[kind].includes(filterOperator)) {
    throw new FilterProblem(`Operator '${operator}' is not supported for filter field '${name}'`);
  }
  const rawValues = condition.value === undefined ? [] : Array.isArray(condition.value) ? condition.value : [condition.value];
  if (filterOperator === 'isnull') {
    const wanted = rawValues.length === 0 ? true : toBoolean(rawValues[0]);
    if (wanted === undefined) throw new FilterProblem(`Filter '${name}' with 'isnull' takes true or false`);
    return { field, operator: filterOperator, value: [wanted] };
  }
  if (operatorsNeedingAValue.has(filterOperator) && rawValues.length === 0) {
    throw new FilterProblem(`Filter '${name}' with operator '${operator}' needs a value`);
  }
  // Boolean scores are stored as 1/0, so `scores__ID: {"value": true}` means 1.
  const isScore = field.startsWith(scoreFieldPrefix);
  const value = rawValues.map((raw) => {
    const converted = convertValue(isScore && typeof raw === 'boolean' ? Number(raw) : raw, kind);
    if (converted === undefined) throw new FilterProblem(`Invalid value ${JSON.stringify(raw) ?? String(raw)} for filter field '${name}' (expected ${describeKind(kind)})`);
    return converted;
  });
  return { field, operator: filterOperator, value };
}

function resolveField(name: string, vocabulary: FilterVocabulary): { field: string; kind: FieldKind } {
  if (vocabulary.metadata && name.startsWith(metadataFieldPrefix)) {
    const key = name.slice(metadataFieldPrefix.length);
    if (!metadataKeyPattern.test(key)) throw new FilterProblem(`Invalid metadata key in filter field '${name}'`);
    // Respan stores metadata values as strings, so metadata is compared as text.
    return { field: name, kind: 'text' };
  }
  if (vocabulary.metadata && name.startsWith(scoreFieldPrefix)) {
    if (!scoreEvaluatorIdPattern.test(name.slice(scoreFieldPrefix.length))) throw new FilterProblem(`Invalid evaluator id in filter field '${name}'`);
    return { field: name, kind: 'number' };
  }
  const field = Object.hasOwn(vocabulary.aliases, name) ? vocabulary.aliases[name] : name;
  const kind = Object.hasOwn(vocabulary.fields, field) ? vocabulary.fields[field] : undefined;
  if (kind === undefined) throw new FilterProblem(`Unknown filter field '${name}'`);
  return { field, kind };
}

function convertValue(raw: unknown, kind: FieldKind): unknown {
  switch (kind) {
    case 'text':
    case 'json':
      if (typeof raw === 'string') return raw;
      return typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
    case 'integer': {
      const number = toNumber(raw);
      return number !== undefined && Number.isSafeInteger(number) ? number : undefined;
    }
    case 'number':
      return toNumber(raw);
    case 'boolean':
      return toBoolean(raw);
    case 'timestamp':
      return toIsoTimestamp(raw);
  }
}

function toNumber(raw: unknown): number | undefined {
  const number = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

function toBoolean(raw: unknown): boolean | undefined {
  if (raw === true || raw === 'true' || raw === 'True' || raw === 1 || raw === '1') return true;
  if (raw === false || raw === 'false' || raw === 'False' || raw === 0 || raw === '0') return false;
  return undefined;
}

/** ISO 8601 text (with or without a zone; without one it is read as UTC, as Respan does). */
export function toIsoTimestamp(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  let text = raw.trim();
  if (/^\d{4}-\d{2}-\d{2} \d/.test(text)) text = text.replace(' ', 'T');
  // Date.parse reads a date-time without a zone as local time; the API means UTC.
  if (text.includes('T') && !/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(text)) text += 'Z';
  const milliseconds = Date.parse(text);
  return Number.isFinite(milliseconds) ? new Date(milliseconds).toISOString() : undefined;
}

function describeKind(kind: FieldKind): string {
  if (kind === 'integer') return 'an integer';
  if (kind === 'number') return 'a number';
  if (kind === 'boolean') return 'true or false';
  if (kind === 'timestamp') return 'an ISO 8601 timestamp';
  return 'text';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
