import { randomBytes } from 'node:crypto';
import type { LogAttempt, LogRecord, LogType } from '../logging/log-record.ts';

/**
 * Optional OpenTelemetry trace export (issue 11): each finished request log becomes one server
 * span plus one client span per upstream attempt, sent over OTLP/HTTP with JSON encoding. Built on
 * the log record rather than live instrumentation so the hot path pays nothing but a queue push,
 * and written by hand so the gateway does not need the OpenTelemetry SDK.
 */

/** OTLP JSON attribute value: 64-bit integers travel as strings (protobuf JSON mapping). */
type AttributeValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
interface Attribute {
  key: string;
  value: AttributeValue;
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Attribute[];
  status: { code: number; message?: string };
}

export interface OtlpTraceExporterOptions {
  /** Full URL spans are POSTed to, `.../v1/traces`. */
  tracesUrl: string;
  headers?: Record<string, string>;
  serviceName?: string;
  flushIntervalMs?: number;
  /** Spans held while waiting for a flush; more are dropped so a dead collector cannot grow memory. */
  maxQueuedSpans?: number;
  requestTimeoutMs?: number;
}

export interface OtlpTraceExporterStats {
  exportedSpans: number;
  droppedSpans: number;
  failedExports: number;
}

// OTLP enums (opentelemetry/proto/trace/v1/trace.proto).
const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;
const STATUS_UNSET = 0;
const STATUS_ERROR = 2;

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const ALL_ZEROS = /^0+$/;

export class OtlpTraceExporter {
  readonly #tracesUrl: string;
  readonly #headers: Record<string, string>;
  readonly #serviceName: string;
  readonly #maxQueuedSpans: number;
  readonly #requestTimeoutMs: number;
  readonly #timer: NodeJS.Timeout;
  #queue: OtlpSpan[] = [];
  #flushing: Promise<void> = Promise.resolve();
  #stopped = false;
  readonly #stats: OtlpTraceExporterStats = { exportedSpans: 0, droppedSpans: 0, failedExports: 0 };

  constructor(options: OtlpTraceExporterOptions) {
    this.#tracesUrl = options.tracesUrl;
    this.#headers = { ...options.headers, 'content-type': 'application/json' };
    this.#serviceName = options.serviceName ?? 'switchboard';
    this.#maxQueuedSpans = options.maxQueuedSpans ?? 2048;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1000);
    // The export timer must never keep a stopping process alive.
    this.#timer.unref();
  }

  get stats(): OtlpTraceExporterStats {
    return { ...this.#stats };
  }

  /** Queues the spans of one finished request. Never throws: telemetry must not fail a request. */
  record(record: LogRecord, traceparent?: string): void {
    if (this.#stopped) return;
    try {
      for (const span of spansOf(record, traceparent)) {
        if (this.#queue.length >= this.#maxQueuedSpans) this.#stats.droppedSpans++;
        else this.#queue.push(span);
      }
    } catch {
      this.#stats.droppedSpans++;
    }
  }

  /** Sends everything queued in one POST; failures are counted and the spans dropped, not retried. */
  flush(): Promise<void> {
    // Chained so two flushes never send the same spans or race each other's counts.
    this.#flushing = this.#flushing.then(() => this.#send());
    return this.#flushing;
  }

  /** Stops the timer and sends what is left; later records are ignored. */
  async shutdown(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.flush();
  }

  async #send(): Promise<void> {
    if (this.#queue.length === 0) return;
    const spans = this.#queue;
    this.#queue = [];
    const body = {
      resourceSpans: [{
        resource: { attributes: [stringAttribute('service.name', this.#serviceName)] },
        scopeSpans: [{ scope: { name: 'switchboard' }, spans }],
      }],
    };
    try {
      const response = await fetch(this.#tracesUrl, {
        method: 'POST',
        headers: this.#headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.#requestTimeoutMs),
      });
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) this.#stats.exportedSpans += spans.length;
      else this.#fail(spans.length);
    } catch {
      this.#fail(spans.length);
    }
  }

  #fail(spanCount: number): void {
    this.#stats.failedExports++;
    this.#stats.droppedSpans += spanCount;
  }
}

/**
 * The exporter the standard OTEL_* variables ask for, or undefined when none is configured (export
 * is opt-in). OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is a full URL; OTEL_EXPORTER_OTLP_ENDPOINT a base.
 */
export function createOtlpTraceExporter(env: Record<string, string | undefined>): OtlpTraceExporter | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true' || env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return undefined;
  const tracesUrl = tracesUrlOf(env);
  if (tracesUrl === undefined) return undefined;
  return new OtlpTraceExporter({
    tracesUrl,
    headers: parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS ?? env.OTEL_EXPORTER_OTLP_HEADERS),
    serviceName: nonEmpty(env.OTEL_SERVICE_NAME) ?? 'switchboard',
  });
}

function tracesUrlOf(env: Record<string, string | undefined>): string | undefined {
  const tracesEndpoint = nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  if (tracesEndpoint !== undefined) return tracesEndpoint;
  const endpoint = nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  return endpoint === undefined ? undefined : `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/** `k=v,k2=v2`, values percent-encoded (OpenTelemetry environment variable spec). */
export function parseOtlpHeaders(value: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const key = pair.slice(0, equals).trim().toLowerCase();
    if (key === '') continue;
    headers[key] = safeDecode(pair.slice(equals + 1).trim());
  }
  return headers;
}

/** The trace and parent span of a valid W3C `traceparent`, or undefined (then a new trace starts). */
export function parseTraceparent(value: string | undefined): { traceId: string; parentSpanId: string } | undefined {
  const match = value === undefined ? null : TRACEPARENT.exec(value.trim());
  if (match === null) return undefined;
  const [, traceId, parentSpanId] = match as unknown as [string, string, string];
  if (ALL_ZEROS.test(traceId) || ALL_ZEROS.test(parentSpanId)) return undefined;
  return { traceId, parentSpanId };
}

/** One server span for the request, then one client span per attempt under it. */
export function spansOf(record: LogRecord, traceparent?: string): OtlpSpan[] {
  const parent = parseTraceparent(traceparent);
  const traceId = parent?.traceId ?? randomHex(16);
  const requestSpanId = randomHex(8);
  const operation = operationName(record.log_type);
  const startNanos = millisToNanos(Date.parse(record.timestamp));
  const attributes = [
    stringAttribute('gen_ai.operation.name', operation),
    stringAttribute('gen_ai.request.model', record.model),
    stringAttribute('gen_ai.response.model', record.model),
    intAttribute('gen_ai.usage.input_tokens', record.prompt_tokens),
    intAttribute('gen_ai.usage.output_tokens', record.completion_tokens),
    intAttribute('http.response.status_code', record.status_code),
    stringAttribute('switchboard.log_id', record.unique_id),
    stringAttribute('switchboard.request_id', record.trace_unique_id),
    doubleAttribute('switchboard.cost_usd', record.cost),
    boolAttribute('switchboard.cache_hit', record.cache_hit),
    boolAttribute('switchboard.stream', record.stream),
  ];
  if (record.provider_id !== null) attributes.push(...providerAttributes(record.provider_id));
  if (record.status === 'error') attributes.push(stringAttribute('error.type', String(record.status_code)));
  const requestSpan: OtlpSpan = {
    traceId,
    spanId: requestSpanId,
    name: `${operation} ${record.model}`,
    kind: SPAN_KIND_SERVER,
    startTimeUnixNano: startNanos.toString(),
    endTimeUnixNano: (startNanos + secondsToNanos(record.latency)).toString(),
    attributes,
    status: statusOf(record.status, record.error_message),
  };
  if (parent !== undefined) requestSpan.parentSpanId = parent.parentSpanId;
  return [requestSpan, ...record.attempts.map((attempt) => attemptSpan(attempt, operation, traceId, requestSpanId))];
}

function attemptSpan(attempt: LogAttempt, operation: string, traceId: string, parentSpanId: string): OtlpSpan {
  const startNanos = millisToNanos(Date.parse(attempt.start_time));
  const attributes = [
    stringAttribute('gen_ai.operation.name', operation),
    stringAttribute('gen_ai.request.model', attempt.model),
    ...providerAttributes(attempt.provider_id),
    intAttribute('http.response.status_code', attempt.status_code),
  ];
  if (attempt.deployment_name !== null) attributes.push(stringAttribute('switchboard.deployment_name', attempt.deployment_name));
  if (attempt.status === 'error') attributes.push(stringAttribute('error.type', String(attempt.status_code)));
  return {
    traceId,
    spanId: randomHex(8),
    parentSpanId,
    name: `${attempt.provider_id} ${attempt.model}`,
    kind: SPAN_KIND_CLIENT,
    startTimeUnixNano: startNanos.toString(),
    endTimeUnixNano: (startNanos + secondsToNanos(attempt.latency)).toString(),
    attributes,
    status: statusOf(attempt.status, attempt.error_message),
  };
}

/** `gen_ai.system` is what most backends read today; `gen_ai.provider.name` is its newer name. */
function providerAttributes(providerId: string): Attribute[] {
  return [stringAttribute('gen_ai.system', providerId), stringAttribute('gen_ai.provider.name', providerId)];
}

/** GenAI `gen_ai.operation.name` values where one fits; the log type itself otherwise. */
function operationName(logType: LogType): string {
  switch (logType) {
    case 'chat':
    case 'response':
      return 'chat';
    case 'embedding':
      return 'embeddings';
    case 'completion':
    case 'text':
      return 'text_completion';
    default:
      return logType;
  }
}

// Semantic conventions leave successes UNSET (not OK): only instrumentation-level errors are marked.
function statusOf(status: 'success' | 'error', message: string | null): OtlpSpan['status'] {
  if (status === 'success') return { code: STATUS_UNSET };
  return message === null ? { code: STATUS_ERROR } : { code: STATUS_ERROR, message };
}

function millisToNanos(millis: number): bigint {
  return BigInt(Math.round(Number.isFinite(millis) ? millis : Date.now())) * 1_000_000n;
}

function secondsToNanos(seconds: number): bigint {
  return BigInt(Math.max(0, Math.round((Number.isFinite(seconds) ? seconds : 0) * 1e9)));
}

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function stringAttribute(key: string, value: string): Attribute {
  return { key, value: { stringValue: value } };
}

function intAttribute(key: string, value: number): Attribute {
  return { key, value: { intValue: String(Math.trunc(value)) } };
}

function doubleAttribute(key: string, value: number): Attribute {
  return { key, value: { doubleValue: value } };
}

function boolAttribute(key: string, value: boolean): Attribute {
  return { key, value: { boolValue: value } };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
