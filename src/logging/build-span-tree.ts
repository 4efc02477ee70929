import type { LogAttempt, LogRecord } from './log-record.ts';

/** One node of GET /api/traces/{id}/ (contract §14: span_unique_id, span_parent_id, span_name, ..., children). */
export interface Span {
  span_unique_id: string;
  span_parent_id: string | null;
  span_name: string;
  trace_unique_id: string;
  /**
   * `gateway` for a request's log, `attempt` for one upstream call within it, `application` for a
   * span an application sent (POST /api/request-logs/, which always sets span_unique_id).
   */
  span_type: 'gateway' | 'attempt' | 'application';
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
 * The span tree of a trace. Each log is a span, identified by its `span_unique_id` (spans sent by
 * applications) or its log id (the gateway's own requests); a log whose `span_parent_id` names
 * another span of the trace becomes that span's child, any other is a root. A gateway log's
 * upstream attempts (failed retries and fallbacks included) are its first children, in the order
 * they were made. Logs arrive oldest first, so siblings are in time order.
 */
export function buildSpanTree(logs: readonly LogRecord[]): Span[] {
  const spans = logs.map(logSpan);
  const byId = new Map<string, Span>();
  for (const span of spans) if (!byId.has(span.span_unique_id)) byId.set(span.span_unique_id, span);
  const roots: Span[] = [];
  for (const span of spans) {
    const parent = span.span_parent_id === null ? undefined : byId.get(span.span_parent_id);
    // Parent links come from applications: one that loops back would make the tree infinite.
    if (parent === undefined || parent === span || reachesItself(span, byId)) roots.push(span);
    else parent.children.push(span);
  }
  return roots;
}

/** Whether following parent links from `span` comes back to it. */
function reachesItself(span: Span, byId: ReadonlyMap<string, Span>): boolean {
  const seen = new Set<Span>();
  let current: Span | undefined = span;
  while (current !== undefined && current.span_parent_id !== null) {
    if (seen.has(current)) return false; // a loop above this span, not through it
    seen.add(current);
    current = byId.get(current.span_parent_id);
    if (current === span) return true;
  }
  return false;
}

function logSpan(log: LogRecord): Span {
  const spanId = log.span_unique_id ?? log.unique_id;
  const span: Span = {
    span_unique_id: spanId,
    span_parent_id: log.span_parent_id ?? null,
    span_name: log.span_name ?? (log.model === '' ? log.log_type : `${log.log_type}: ${log.model}`),
    trace_unique_id: log.trace_unique_id,
    span_type: log.span_unique_id === undefined || log.span_unique_id === null ? 'gateway' : 'application',
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
  span.children = (log.attempts ?? []).map((attempt, index) => attemptSpan(log, spanId, attempt, index));
  return span;
}

function attemptSpan(log: LogRecord, parentId: string, attempt: LogAttempt, index: number): Span {
  const startTime = attempt.start_time ?? log.timestamp;
  const provider = attempt.provider_id === null || attempt.provider_id === '' ? '' : `${attempt.provider_id}/`;
  return {
    span_unique_id: `${parentId}.attempt-${index + 1}`,
    span_parent_id: parentId,
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
