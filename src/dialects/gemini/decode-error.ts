import { describeUnreadableBody, parseJsonLeniently } from '../upstream-error-text.ts';
import { UpstreamError, classifyHttpStatus, readRetryAfterMs } from '../../errors/upstream-error.ts';
import type { UpstreamErrorResponse } from '../dialect.ts';

/** Google's error body (https://cloud.google.com/apis/design/errors#http_mapping). */
interface GoogleError {
  code?: number;
  message?: string;
  /** The google.rpc.Code name: INVALID_ARGUMENT, RESOURCE_EXHAUSTED, ... */
  status?: string;
  details?: Array<{ '@type'?: string; retryDelay?: string; reason?: string; [field: string]: unknown }>;
}

/** google.rpc.Code → HTTP status, for an error that names no HTTP status of its own. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  INVALID_ARGUMENT: 400, FAILED_PRECONDITION: 400, OUT_OF_RANGE: 400, UNAUTHENTICATED: 401, PERMISSION_DENIED: 403,
  NOT_FOUND: 404, ABORTED: 409, ALREADY_EXISTS: 409, RESOURCE_EXHAUSTED: 429, CANCELLED: 499, INTERNAL: 500,
  UNKNOWN: 500, NOT_IMPLEMENTED: 501, UNAVAILABLE: 503, DEADLINE_EXCEEDED: 504,
};

/**
 * Failures a different provider or key can get past though the status says "bad request": a key
 * Google refuses (Gemini answers 400 with ErrorInfo reason API_KEY_INVALID) and FAILED_PRECONDITION
 * (billing not enabled, "User location is not supported").
 */
const PROVIDER_SIDE_REASONS = new Set(['API_KEY_INVALID', 'API_KEY_EXPIRED']);

/**
 * Maps a Gemini API or Vertex AI error response to an UpstreamError: the HTTP status, Google's
 * message, and its `status` name as the code. Retry follows the status (429 RESOURCE_EXHAUSTED and
 * 5xx retry); the delay comes from `Retry-After` or the google.rpc.RetryInfo detail's `retryDelay`.
 * The body may be wrapped in an array, as streamGenerateContent without `alt=sse` sends it.
 */
export function decodeGeminiError(response: UpstreamErrorResponse): UpstreamError {
  const error = readGoogleError(parseJsonLeniently(response.body));
  const retryAfterMs = readRetryAfterMs(response.headers) ?? readRetryDelayMs(error);
  const headers: Record<string, string> = {};
  if (retryAfterMs !== undefined) headers['retry-after'] = response.headers.get('retry-after') ?? String(Math.ceil(retryAfterMs / 1000));
  return buildError({ status: response.status, error, fallbackMessage: describeUnreadableBody(response.status, response.body), retryAfterMs, headers });
}

/**
 * Maps an error sent inside a stream after the 200 (`data: {"error": {...}}`). Its status comes
 * from the payload; without one it counts as a retryable 500.
 */
export function decodeGeminiStreamError(payload: unknown): UpstreamError {
  const error = readGoogleError(payload);
  const status = statusOf(error) ?? 500;
  return buildError({ status, error, fallbackMessage: 'The upstream reported an error in the stream', retryAfterMs: readRetryDelayMs(error), headers: {} });
}

interface ErrorParts {
  status: number;
  error: GoogleError | undefined;
  fallbackMessage: string;
  retryAfterMs: number | undefined;
  headers: Record<string, string>;
}

function buildError({ status, error, fallbackMessage, retryAfterMs, headers }: ErrorParts): UpstreamError {
  const { retryable, fallbackable } = classifyHttpStatus(status);
  const reasons = (error?.details ?? []).map((detail) => detail?.reason);
  const providerSide = error?.status === 'FAILED_PRECONDITION' || reasons.some((reason) => typeof reason === 'string' && PROVIDER_SIDE_REASONS.has(reason));
  return new UpstreamError({
    kind: 'http',
    status,
    message: typeof error?.message === 'string' && error.message !== '' ? error.message : fallbackMessage,
    code: typeof error?.status === 'string' ? error.status : null,
    retryable,
    fallbackable: fallbackable || providerSide,
    retryAfterMs,
    headers,
  });
}

export function readGoogleError(payload: unknown): GoogleError | undefined {
  const root = Array.isArray(payload) ? payload[0] : payload;
  const error = (root as { error?: unknown } | null | undefined)?.error;
  return error !== null && typeof error === 'object' && !Array.isArray(error) ? error as GoogleError : undefined;
}

function statusOf(error: GoogleError | undefined): number | undefined {
  if (typeof error?.code === 'number' && error.code >= 400 && error.code <= 599) return error.code;
  return typeof error?.status === 'string' ? STATUS_BY_CODE[error.status] : undefined;
}

/** google.rpc.RetryInfo's `retryDelay` is a JSON Duration: decimal seconds with an `s` suffix ("38s", "0.5s"). */
function readRetryDelayMs(error: GoogleError | undefined): number | undefined {
  for (const detail of error?.details ?? []) {
    if (typeof detail?.['@type'] !== 'string' || !detail['@type'].endsWith('google.rpc.RetryInfo')) continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(String(detail.retryDelay ?? '').trim());
    if (match !== null) return Math.round(Number(match[1]) * 1000);
  }
  return undefined;
}

