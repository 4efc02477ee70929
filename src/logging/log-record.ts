/**
 * One request log as stored and as served by the logs API (contract §7). Field names are the API's
 * (snake_case, Respan's), so a record goes to storage and back to clients without renaming.
 */

export type LogType = 'chat' | 'response' | 'embedding' | 'passthrough' | ApplicationLogType;

/** Respan's span types, for logs and spans applications send (POST /api/request-logs/). */
export const applicationLogTypes = [
  'completion', 'text', 'generation', 'transcription', 'speech', 'workflow', 'task', 'tool', 'agent', 'handoff',
  'guardrail', 'function', 'custom', 'unknown',
] as const;
export type ApplicationLogType = (typeof applicationLogTypes)[number];

/** One upstream call: failed retries and fallbacks included. */
export interface LogAttempt {
  model: string;
  provider_id: string;
  deployment_name: string | null;
  status: 'success' | 'error';
  status_code: number;
  error_message: string | null;
  /** Seconds. */
  latency: number;
  /** ISO 8601 start of the attempt. */
  start_time: string;
}

export interface LogRecord {
  unique_id: string;
  /** ISO 8601, when the request arrived. */
  timestamp: string;
  /** The gateway request id (`X-Respan-Gateway-Request-Id`); groups attempts into one trace. */
  trace_unique_id: string;
  /** The gateway API key's name (never the key). */
  api_key: string | null;
  model: string;
  provider_id: string | null;
  deployment_name: string | null;
  status: 'success' | 'error';
  status_code: number;
  error_message: string | null;
  stream: boolean;
  cache_hit: boolean;
  /** Seconds from arrival to the last byte. */
  latency: number;
  /** Seconds from arrival to the first content byte (streams), null otherwise. */
  time_to_first_token: number | null;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cached_tokens: number;
  cache_creation_tokens: number;
  reasoning_tokens: number;
  /** USD. */
  cost: number;
  /** True when usage was not reported by the upstream and had to be estimated. */
  cost_estimated: boolean;
  customer_identifier: string | null;
  customer_name: string | null;
  customer_email: string | null;
  thread_identifier: string | null;
  custom_identifier: string | null;
  metadata: Record<string, unknown> | null;
  /** Number of upstream attempts made (1 when the first succeeded). */
  fallback: number;
  log_type: LogType;
  /** Request messages (or `input`); absent under `disable_log`. */
  prompt_messages?: unknown;
  /** The answer; absent under `disable_log`. */
  completion_message?: unknown;
  attempts: LogAttempt[];
  /** A span's own id when an application sent it; gateway logs are identified by unique_id. */
  span_unique_id?: string | null;
  /** The span this one runs under, in the same trace. */
  span_parent_id?: string | null;
  span_name?: string | null;
  /** The managed prompt the request rendered (contract §12). */
  prompt_id?: string | null;
  prompt_version_number?: number | null;
}
