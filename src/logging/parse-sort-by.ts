import { ValidationError } from '../errors/validation-error.ts';
import { isSortable, scoreEvaluatorIdPattern, scoreFieldPrefix, type FieldCatalogue } from './log-fields.ts';

export interface SortOrder {
  field: string;
  descending: boolean;
}

/**
 * Reads `sort_by` (`field` or `-field`, Respan's spelling) against a field whitelist and returns
 * the canonical `-field` form storage accepts.
 */
export function parseSortBy(options: {
  sortBy: string | undefined;
  fields: FieldCatalogue;
  aliases: Readonly<Record<string, string>>;
  defaultSort: string;
  /** Whether `scores__EVALUATOR_ID` may be sorted on (logs only). */
  scores?: boolean;
}): string {
  const text = options.sortBy?.trim();
  if (text === undefined || text === '') return options.defaultSort;
  const descending = text.startsWith('-');
  const name = descending ? text.slice(1) : text;
  if (options.scores === true && name.startsWith(scoreFieldPrefix) && scoreEvaluatorIdPattern.test(name.slice(scoreFieldPrefix.length))) return text;
  const field = Object.hasOwn(options.aliases, name) ? options.aliases[name] : name;
  const kind = Object.hasOwn(options.fields, field) ? options.fields[field] : undefined;
  if (kind === undefined || !isSortable(kind)) {
    throw new ValidationError({ sort_by: [`Unknown sort field '${name}'`] }, `Unknown sort field '${name}'`);
  }
  return descending ? `-${field}` : field;
}

/** Splits a canonical sort string; throws for a field outside the whitelist (a programming error past the edge). */
export function readSortOrder(sortBy: string, fields: FieldCatalogue): SortOrder {
  const descending = sortBy.startsWith('-');
  const field = descending ? sortBy.slice(1) : sortBy;
  const kind = Object.hasOwn(fields, field) ? fields[field] : undefined;
  if (kind === undefined || !isSortable(kind)) {
    throw new ValidationError({ sort_by: [`Unknown sort field '${field}'`] }, `Unknown sort field '${field}'`);
  }
  return { field, descending };
}
