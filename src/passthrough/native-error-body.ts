import type { GatewayError } from '../errors/gateway-error.ts';

/** The error shapes the passthrough clients parse: Anthropic's, and Google's (Gemini and Vertex AI). */
/** The error shapes of the native APIs the gateway mounts: Anthropic's Messages API and Google's APIs (Gemini, Vertex). */
export type NativeErrorFormat = 'messages-api' | 'google-api';

/**
 * Anthropic error types by HTTP status (https://docs.anthropic.com/en/api/errors). A gateway
 * failure to reach the upstream (502) is Anthropic's `api_error`, as its own 5xx are.
 */
const ANTHROPIC_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error', 401: 'authentication_error', 402: 'billing_error', 403: 'permission_error',
  404: 'not_found_error', 413: 'request_too_large', 429: 'rate_limit_error', 504: 'timeout_error', 529: 'overloaded_error',
};

/** google.rpc.Code names by HTTP status (https://cloud.google.com/apis/design/errors#handling_errors). */
const GOOGLE_STATUSES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ABORTED',
  413: 'INVALID_ARGUMENT', 429: 'RESOURCE_EXHAUSTED', 499: 'CANCELLED', 500: 'INTERNAL', 501: 'NOT_IMPLEMENTED',
  502: 'UNAVAILABLE', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED',
};

/** Anthropic's `{"type":"error","error":{"type","message"}}` for a status and message. */
export function anthropicErrorBody(status: number, message: string, type?: string): string {
  const errorType = type ?? ANTHROPIC_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return JSON.stringify({ type: 'error', error: { type: errorType, message } });
}

/** Google's `{"error":{"code","message","status"}}` for a status and message. */
export function googleErrorBody(status: number, message: string): string {
  const code = GOOGLE_STATUSES[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
  return JSON.stringify({ error: { code: status, message, status: code } });
}

/** A gateway error (bad key, bad params, unreachable upstream) in the client's own error shape. */
export function nativeErrorBody(format: NativeErrorFormat, error: GatewayError): string {
  return format === 'messages-api' ? anthropicErrorBody(error.status, error.message) : googleErrorBody(error.status, error.message);
}
