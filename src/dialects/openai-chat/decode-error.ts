import { describeUnreadableBody, parseJsonLeniently, pickHeaders, quoteBounded } from '../upstream-error-text.ts';
import { UpstreamError, classifyHttpStatus, readRetryAfterMs } from '../../errors/upstream-error.ts';
import type { UpstreamErrorResponse } from '../dialect.ts';
import { readErrorDetails } from './read-error-details.ts';

/** Response headers worth handing back to the client with the error. */
const PASSED_BACK_HEADERS = ['retry-after', 'x-request-id'] as const;

/** Longest piece of a non-JSON body quoted in a message (HTML error pages can be large). */

/**
 * Maps an error response from an OpenAI-compatible host to an UpstreamError carrying the upstream's
 * status, message, type, code and param. Retry and fallback follow the status (classifyHttpStatus),
 * with one exception: a 429 `insufficient_quota` means the account is out of credit, which no retry
 * fixes (https://platform.openai.com/docs/guides/error-codes#api-errors), so only a fallback may follow.
 */
export function decodeOpenAIError(response: UpstreamErrorResponse): UpstreamError {
  const details = readErrorDetails(parseJsonLeniently(response.body));
  const { retryable, fallbackable } = classifyHttpStatus(response.status);
  const quotaExhausted = response.status === 429
    && (details?.code === 'insufficient_quota' || details?.type === 'insufficient_quota');
  return new UpstreamError({
    kind: 'http',
    status: response.status,
    message: details?.message ?? describeUnreadableBody(response.status, response.body),
    type: details?.type,
    code: details?.code ?? null,
    param: details?.param ?? null,
    retryable: retryable && !quotaExhausted,
    fallbackable,
    retryAfterMs: readRetryAfterMs(response.headers),
    headers: pickHeaders(response.headers, PASSED_BACK_HEADERS),
  });
}

/**
 * Maps an error sent inside a stream after a 200 (`data: {"error": {...}}`, as OpenAI, OpenRouter and
 * vLLM do; https://openrouter.ai/docs/api-reference/errors#error-handling-during-streaming). The
 * status comes from the payload when it names one; otherwise it counts as a retryable 500.
 */
export function decodeOpenAIStreamError(payload: unknown): UpstreamError {
  const details = readErrorDetails(payload);
  const status = details?.status ?? 500;
  const { retryable, fallbackable } = classifyHttpStatus(status);
  return new UpstreamError({
    kind: 'http',
    status,
    message: details?.message ?? `The upstream stream reported an error: ${quoteBounded(JSON.stringify(payload))}`,
    type: details?.type,
    code: details?.code ?? null,
    param: details?.param ?? null,
    retryable,
    fallbackable,
  });
}

