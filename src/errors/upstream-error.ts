import { GatewayError } from './gateway-error.ts';

/** How an upstream attempt failed; retry and fallback policy reads these, never status guesses. */
export type UpstreamFailureKind = 'http' | 'timeout' | 'network' | 'stream-cut' | 'invalid-response' | 'aborted';

export interface UpstreamErrorOptions {
  kind: UpstreamFailureKind;
  message: string;
  /** The upstream's HTTP status; for non-HTTP failures, the status the client receives. */
  status: number;
  type?: string;
  code?: string | null;
  param?: string | null;
  /** Another attempt at the same model may succeed (429, 5xx, timeouts, connection failures). */
  retryable: boolean;
  /** A different model or provider may succeed where this one failed. */
  fallbackable?: boolean;
  /** Delay the upstream asked for (`Retry-After`, `retry-after-ms`, ...). */
  retryAfterMs?: number;
  /** Headers worth passing back to the client (`retry-after`, request ids). */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * A failed upstream attempt. It is a GatewayError so that, when it ends the request, the client
 * gets the upstream's status and message in the OpenAI error shape.
 */
export class UpstreamError extends GatewayError {
  readonly kind: UpstreamFailureKind;
  readonly retryable: boolean;
  readonly fallbackable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(options: UpstreamErrorOptions) {
    super({
      status: options.status,
      message: options.message,
      type: options.type,
      code: options.code,
      param: options.param,
      headers: options.headers,
      cause: options.cause,
    });
    this.name = 'UpstreamError';
    this.kind = options.kind;
    this.retryable = options.retryable;
    this.fallbackable = options.fallbackable ?? options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Retry and fallback rules for an HTTP error status (contract §4 `retry_params`, issue 7). */
export function classifyHttpStatus(status: number): { retryable: boolean; fallbackable: boolean } {
  const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  // A 401/403/404 is this provider's problem (key, access, model id): another model may work.
  const fallbackable = retryable || status === 401 || status === 403 || status === 404;
  return { retryable, fallbackable };
}

/**
 * Reads the delay an upstream asked for. `retry-after-ms` (OpenAI, Anthropic) and
 * `x-ms-retry-after-ms` (Azure) are milliseconds; `Retry-After` is seconds or an HTTP date (RFC 9110 §10.2.3).
 */
export function readRetryAfterMs(headers: { get(name: string): string | null }, now = Date.now()): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = headers.get(name);
    if (value !== null && value.trim() !== '') {
      const milliseconds = Number(value);
      if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
    }
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === null || retryAfter.trim() === '') return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
