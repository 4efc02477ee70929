/**
 * What the logs API filters on (contract §7): every log field, with the operators its kind takes
 * (mirroring the server's whitelist), plus `metadata__KEY` for custom metadata.
 */
export type FilterOperator = '' | 'not' | 'in' | 'contains' | 'icontains' | 'lt' | 'lte' | 'gt' | 'gte' | 'isnull';
export type FilterKind = 'text' | 'integer' | 'number' | 'boolean' | 'json' | 'enum';

export interface FilterField {
  field: string;
  label: string;
  kind: FilterKind;
  choices?: string[];
}

export const metadataField = 'metadata__';

export const filterFields: FilterField[] = [
  { field: 'model', label: 'Model', kind: 'text' },
  { field: 'provider_id', label: 'Provider', kind: 'text' },
  { field: 'deployment_name', label: 'Deployment', kind: 'text' },
  { field: 'status', label: 'Status', kind: 'enum', choices: ['success', 'error'] },
  { field: 'status_code', label: 'Status code', kind: 'integer' },
  { field: 'error_message', label: 'Error message', kind: 'text' },
  { field: 'customer_identifier', label: 'Customer', kind: 'text' },
  { field: 'customer_name', label: 'Customer name', kind: 'text' },
  { field: 'customer_email', label: 'Customer email', kind: 'text' },
  { field: 'api_key', label: 'API key name', kind: 'text' },
  { field: 'thread_identifier', label: 'Thread', kind: 'text' },
  { field: 'custom_identifier', label: 'Custom identifier', kind: 'text' },
  { field: 'log_type', label: 'Log type', kind: 'enum', choices: ['chat', 'response', 'embedding', 'passthrough'] },
  { field: 'stream', label: 'Streamed', kind: 'boolean' },
  { field: 'cache_hit', label: 'Cache hit', kind: 'boolean' },
  { field: 'latency', label: 'Latency (s)', kind: 'number' },
  { field: 'time_to_first_token', label: 'Time to first token (s)', kind: 'number' },
  { field: 'prompt_tokens', label: 'Prompt tokens', kind: 'integer' },
  { field: 'completion_tokens', label: 'Completion tokens', kind: 'integer' },
  { field: 'total_tokens', label: 'Total tokens', kind: 'integer' },
  { field: 'cost', label: 'Cost (USD)', kind: 'number' },
  { field: 'fallback', label: 'Attempts', kind: 'integer' },
  { field: 'prompt_messages', label: 'Prompt text', kind: 'json' },
  { field: 'completion_message', label: 'Completion text', kind: 'json' },
  { field: 'unique_id', label: 'Log id', kind: 'text' },
  { field: 'trace_unique_id', label: 'Trace id', kind: 'text' },
  { field: metadataField, label: 'Metadata key…', kind: 'text' },
];

export const operatorLabels: Record<FilterOperator, string> = {
  '': 'is',
  not: 'is not',
  in: 'is one of',
  contains: 'contains',
  icontains: 'contains (any case)',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  isnull: 'is empty',
};

const operatorsByKind: Record<FilterKind, FilterOperator[]> = {
  text: ['', 'not', 'in', 'icontains', 'contains', 'isnull'],
  enum: ['', 'not', 'in'],
  integer: ['', 'not', 'gt', 'gte', 'lt', 'lte', 'in', 'isnull'],
  number: ['gt', 'gte', 'lt', 'lte', '', 'not', 'isnull'],
  boolean: ['', 'not'],
  json: ['icontains', 'contains', 'isnull'],
};

export function findFilterField(field: string): FilterField {
  return filterFields.find((candidate) => candidate.field === field) ?? filterFields[0];
}

export function operatorsFor(field: string): FilterOperator[] {
  return operatorsByKind[findFilterField(field).kind];
}
