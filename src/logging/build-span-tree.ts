import type { LogAttempt, LogRecord } from './log-record.ts';

/** One node of GET /api/traces/{id}/ (contract §14: span_unique_id, span_parent_id, span_name, ..., children). */
export interface Span {
  span_unique_id: string;
  span_parent_id: string | null;
  span_name: string;
  trace_unique_id: string;
  /** `gateway` for a request's log, `attempt` for one upstream call within it. */
  span_type: 'gateway' | 'attempt';
  /** ISO 8601. */
  start_time: string;
  end_time: string;
  timestamp: string;
  /** Seconds. */
  latency: number;
  status: 'success' | 'error';
  status_code: number;
  error_message: string | null;
  model: string;
  provider_id: string | null;
  deployment_name: string | null;
  /** The log a span belongs to (itself for a gateway span). */
  log_unique_id: string;
  log_type?: LogRecord['log_type'];
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  cost?: number;
  children: Span[];
}

/**
 * The span tree of a trace. For now a trace is what one gateway request did: each log is a root
 * span and its upstream attempts (failed retries and fallbacks included) are its children, in
 * the order they were made. Logs arrive oldest first.
 */
export function buildSpanTree(logs: readonly LogRecord[]): Span[] {
  return logs.map((log) => {
    const root: Span = {
      span_unique_id: log.unique_id,
      span_parent_id: null,
      span_name: `${log.log_type}: ${log.model}`,
      trace_unique_id: log.trace_unique_id,
      span_type: 'gateway',
      start_time: log.timestamp,
      end_time: addSeconds(log.timestamp, log.latency),
      timestamp: log.timestamp,
      latency: log.latency,
      status: log.status,
      status_code: log.status_code,
      error_message: log.error_message,
      model: log.model,
      provider_id: log.provider_id,
      deployment_name: log.deployment_name,
      log_unique_id: log.unique_id,
      log_type: log.log_type,
      prompt_tokens: log.prompt_tokens,
      completion_tokens: log.completion_tokens,
      total_tokens: log.total_tokens,
      cost: log.cost,
      children: [],
    };
    root.children = (log.attempts ?? []).map((attempt, index) => attemptSpan(log, attempt, index));
    return root;
  });
}

function attemptSpan(log: LogRecord, attempt: LogAttempt, index: number): Span {
  const startTime = attempt.start_time ?? log.timestamp;
  const provider = attempt.provider_id === null || attempt.provider_id === '' ? '' : `${attempt.provider_id}/`;
  return {
    span_unique_id: `${log.unique_id}.attempt-${index + 1}`,
    span_parent_id: log.unique_id,
    span_name: `attempt ${index + 1}: ${provider}${attempt.model}`,
    trace_unique_id: log.trace_unique_id,
    span_type: 'attempt',
    start_time: startTime,
    end_time: addSeconds(startTime, attempt.latency),
    timestamp: startTime,
    latency: attempt.latency,
    status: attempt.status,
    status_code: attempt.status_code,
    error_message: attempt.error_message,
    model: attempt.model,
    provider_id: attempt.provider_id,
    deployment_name: attempt.deployment_name,
    log_unique_id: log.unique_id,
    children: [],
  };
}

function addSeconds(timestamp: string, seconds: number): string {
  const start = Date.parse(timestamp);
  if (!Number.isFinite(start)) return timestamp;
  return new Date(start + Math.round((Number.isFinite(seconds) ? seconds : 0) * 1000)).toISOString();
}
