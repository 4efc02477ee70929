/**
 * The fields the logs, users and traces APIs filter and sort on, with the kind of value each holds.
 * This is the whitelist: only names listed here ever reach SQL as identifiers, and the kind decides
 * how a filter value is checked and which operators make sense.
 */

export type FieldKind = 'text' | 'integer' | 'number' | 'boolean' | 'timestamp' | 'json';

export type FieldCatalogue = Readonly<Record<string, FieldKind>>;

/** Every column of the `logs` table, named as in LogRecord (contract §7). */
export const logFields: FieldCatalogue = {
  unique_id: 'text',
  timestamp: 'timestamp',
  trace_unique_id: 'text',
  api_key: 'text',
  model: 'text',
  provider_id: 'text',
  deployment_name: 'text',
  status: 'text',
  status_code: 'integer',
  error_message: 'text',
  stream: 'boolean',
  cache_hit: 'boolean',
  latency: 'number',
  time_to_first_token: 'number',
  prompt_tokens: 'integer',
  completion_tokens: 'integer',
  total_tokens: 'integer',
  cached_tokens: 'integer',
  cache_creation_tokens: 'integer',
  reasoning_tokens: 'integer',
  cost: 'number',
  cost_estimated: 'boolean',
  customer_identifier: 'text',
  customer_name: 'text',
  customer_email: 'text',
  thread_identifier: 'text',
  custom_identifier: 'text',
  metadata: 'json',
  fallback: 'integer',
  log_type: 'text',
  prompt_messages: 'json',
  completion_message: 'json',
  attempts: 'json',
  // Added by migration 10: spans sent by applications (POST /api/request-logs/) and prompt references.
  span_unique_id: 'text',
  span_parent_id: 'text',
  span_name: 'text',
  prompt_id: 'text',
  prompt_version_number: 'integer',
};

/**
 * Respan's names for the same fields, so filters written for its API work unchanged:
 * `organization_key__name` is how Respan spells the API key's name; `id` sorts like `timestamp`
 * there (its default sort is `-id`).
 */
export const logFieldAliases: Readonly<Record<string, string>> = {
  organization_key__name: 'api_key',
  id: 'timestamp',
  ttft: 'time_to_first_token',
  customer_id: 'customer_identifier',
};

/** Fields of a user (an end customer) as the users API lists them, aggregates included. */
export const customerFields: FieldCatalogue = {
  customer_identifier: 'text',
  name: 'text',
  email: 'text',
  first_seen: 'timestamp',
  last_seen: 'timestamp',
  number_of_requests: 'integer',
  total_tokens: 'integer',
  total_cost: 'number',
};

export const customerFieldAliases: Readonly<Record<string, string>> = {
  customer_name: 'name',
  customer_email: 'email',
  id: 'customer_identifier',
};

/** Columns of a trace summary (one row per trace_unique_id), for sorting the traces list. */
export const traceSummaryFields: FieldCatalogue = {
  trace_unique_id: 'text',
  start_time: 'timestamp',
  end_time: 'timestamp',
  span_count: 'integer',
  error_count: 'integer',
  total_cost: 'number',
  total_tokens: 'integer',
};

export const traceSummaryAliases: Readonly<Record<string, string>> = {
  timestamp: 'start_time',
  id: 'start_time',
  cost: 'total_cost',
};

/** `metadata__KEY` filters one key of the metadata object; the key may not hold quotes or backslashes. */
export const metadataFieldPrefix = 'metadata__';
export const metadataKeyPattern = /^[^"\\]{1,200}$/;

export function isSortable(kind: FieldKind): boolean {
  return kind !== 'json';
}

/**
 * `scores__EVALUATOR_ID` filters and sorts logs by that evaluator's score (contract §13): the
 * numerical value, or 1/0 for a boolean evaluator. Ids are uuids or slugs, so a narrow pattern.
 */
export const scoreFieldPrefix = 'scores__';
export const scoreEvaluatorIdPattern = /^[A-Za-z0-9_.-]{1,100}$/;
