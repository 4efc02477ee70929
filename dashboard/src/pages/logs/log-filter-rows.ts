import { metadataField, operatorsFor, type FilterOperator } from './log-filter-fields.ts';

export interface FilterRow {
  id: number;
  field: string;
  /** For `metadata__`: the metadata key. */
  metadataKey: string;
  operator: FilterOperator;
  value: string;
}

let nextRowId = 1;

export function newFilterRow(field = 'model', value = '', operator?: FilterOperator): FilterRow {
  return { id: nextRowId++, field, metadataKey: '', operator: operator ?? operatorsFor(field)[0], value };
}

export function newMetadataRow(key: string, value: string): FilterRow {
  return { ...newFilterRow(metadataField, value, ''), metadataKey: key };
}

export type FiltersBody = { filters: Record<string, { operator: FilterOperator; value: unknown[] }> };

/**
 * Rows as Respan's filter body. The body is keyed by field, so two rows on one field cannot both
 * apply: the later one wins (the builder says so).
 */
export function buildFiltersBody(rows: FilterRow[]): FiltersBody {
  const filters: FiltersBody['filters'] = {};
  for (const row of rows) {
    const field = row.field === metadataField ? `${metadataField}${row.metadataKey.trim()}` : row.field;
    if (field === metadataField) continue;
    if (row.operator === 'isnull') {
      filters[field] = { operator: 'isnull', value: [row.value !== 'false'] };
      continue;
    }
    const text = row.value.trim();
    if (text === '') continue;
    const value = row.operator === 'in' ? text.split(',').map((part) => part.trim()).filter((part) => part !== '') : [text];
    filters[field] = { operator: row.operator, value };
  }
  return { filters };
}
