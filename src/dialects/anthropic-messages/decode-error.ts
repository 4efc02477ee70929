import { describeUnreadableBody, parseJsonLeniently, pickHeaders, quoteBounded } from '../upstream-error-text.ts';
import { UpstreamError, classifyHttpStatus, readRetryAfterMs } from '../../errors/upstream-error.ts';
import type { UpstreamErrorResponse } from '../dialect.ts';

/**
 * Anthropic error types (https://docs.anthropic.com/en/api/errors), with the HTTP status each comes
 * with (used for errors sent inside a stream, which have none) and the nearest OpenAI error type.
 * The Anthropic type itself is kept as the error `code`.
 */
const ERROR_TYPES: Record<string, { status: number; openAIType: string }> = {
  invalid_request_error: { status: 400, openAIType: 'invalid_request_error' },
  authentication_error: { status: 401, openAIType: 'authentication_error' },
  billing_error: { status: 402, openAIType: 'insufficient_quota' },
  permission_error: { status: 403, openAIType: 'permission_error' },
  not_found_error: { status: 404, openAIType: 'not_found_error' },
  request_too_large: { status: 413, openAIType: 'invalid_request_error' },
  rate_limit_error: { status: 429, openAIType: 'rate_limit_error' },
  api_error: { status: 500, openAIType: 'api_error' },
  timeout_error: { status: 504, openAIType: 'api_error' },
  overloaded_error: { status: 529, openAIType: 'api_error' },
};

/** Headers handed back to the client: the delay asked for and Anthropic's request id for support. */
const PASSED_BACK_HEADERS = ['retry-after', 'request-id'] as const;

interface ErrorDetails {
  type: string | undefined;
  message: string | undefined;
  /** `error.details.error_code`, e.g. `enforced_spend_limit_reached` on a 429. */
  errorCode: string | undefined;
}

/**
 * Maps an Anthropic error response (`{"type": "error", "error": {"type", "message"}, "request_id"}`)
 * to an UpstreamError with the upstream's status: 529 `overloaded_error` stays 529 and, like 429 and
 * other 5xx, is retryable. A 429 for a reached spend limit is not: it lasts until the limit is raised
 * (https://docs.anthropic.com/en/api/rate-limits), so only a fallback may help, as with a billing error.
 * Hosts reselling Claude answer in their own shapes too (Bedrock `{"message"}`, Vertex `{"error": {"status"}}`):
 * those are read leniently.
 */
export function decodeAnthropicError(response: UpstreamErrorResponse): UpstreamError {
  const details = readErrorDetails(parseJsonLeniently(response.body));
  const { retryable, fallbackable } = classifyHttpStatus(response.status);
  const accountLimit = details?.errorCode === 'enforced_spend_limit_reached' || details?.type === 'billing_error';
  return new UpstreamError({
    kind: 'http',
    status: response.status,
    message: details?.message ?? describeUnreadableBody(response.status, response.body),
    type: details?.type === undefined ? undefined : ERROR_TYPES[details.type]?.openAIType,
    code: details?.type ?? null,
    retryable: retryable && !accountLimit,
    fallbackable: fallbackable || accountLimit,
    retryAfterMs: readRetryAfterMs(response.headers),
    headers: pickHeaders(response.headers, PASSED_BACK_HEADERS),
  });
}

/**
 * Maps an `error` event sent inside a stream after the 200, e.g. `overloaded_error`, which "would
 * normally correspond to an HTTP 529 in a non-streaming context"
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming#error-events).
 */
export function decodeAnthropicStreamError(payload: unknown): UpstreamError {
  const details = readErrorDetails(payload);
  const known = details?.type === undefined ? undefined : ERROR_TYPES[details.type];
  const status = known?.status ?? 500;
  const { retryable, fallbackable } = classifyHttpStatus(status);
  return new UpstreamError({
    kind: 'http',
    status,
    message: details?.message ?? `The upstream stream reported an error: ${quoteBounded(JSON.stringify(payload) ?? '')}`,
    type: known?.openAIType,
    code: details?.type ?? null,
    retryable,
    fallbackable,
  });
}

function readErrorDetails(payload: unknown): ErrorDetails | undefined {
  if (payload === null || typeof payload !== 'object') return undefined;
  const body = payload as Record<string, unknown>;
  const error = body.error;
  if (error !== null && typeof error === 'object' && !Array.isArray(error)) {
    const fields = error as Record<string, unknown>;
    const errorDetails = fields.details as { error_code?: unknown } | null | undefined;
    return {
      type: nonEmptyString(fields.type) ?? nonEmptyString(fields.status),
      message: nonEmptyString(fields.message),
      errorCode: nonEmptyString(errorDetails?.error_code),
    };
  }
  const message = nonEmptyString(body.message) ?? nonEmptyString(body.Message) ?? nonEmptyString(error);
  return message === undefined ? undefined : { type: undefined, message, errorCode: undefined };
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

