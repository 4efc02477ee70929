import { describeUnreadableBody, pickHeaders } from '../upstream-error-text.ts';
import { UpstreamError, classifyHttpStatus, readRetryAfterMs } from '../../errors/upstream-error.ts';
import type { UpstreamErrorResponse } from '../dialect.ts';

/** Response headers worth handing back to the client with the error. */
const PASSED_BACK_HEADERS = ['retry-after', 'x-amzn-requestid'] as const;

/** Longest piece of a non-JSON body quoted in a message. */

/**
 * HTTP status of each exception a ConverseStream may send after its 200, as the API reference gives
 * them for the same errors (API_runtime_ConverseStreamOutput). A model stream error (documented 424)
 * is a failure of this attempt, not of the request: it counts as a retryable 502.
 */
const STREAM_EXCEPTION_STATUS: Readonly<Record<string, number>> = {
  internalServerException: 500,
  modelStreamErrorException: 502,
  validationException: 400,
  throttlingException: 429,
  serviceUnavailableException: 503,
};

/**
 * Exceptions whose status alone misleads the retry policy. ServiceQuotaExceededException is a 400 that
 * AWS documents as "resubmit your request later"; ModelErrorException (424) is a failure of the model,
 * which another model may not share. https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html
 */
const POLICY_OVERRIDES: Readonly<Record<string, { retryable: boolean; fallbackable: boolean }>> = {
  ServiceQuotaExceededException: { retryable: true, fallbackable: true },
  ModelErrorException: { retryable: false, fallbackable: true },
};

/**
 * A Bedrock Runtime error response (REST-JSON protocol): the exception name in the `x-amzn-errortype`
 * header (`ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/`; the part after
 * the colon is a namespace), or `__type` in the body, and `{"message": ...}` as the body. Statuses:
 * ValidationException 400, AccessDeniedException 403, ResourceNotFoundException 404,
 * ModelTimeoutException 408, ModelErrorException 424, ThrottlingException and ModelNotReadyException 429,
 * InternalServerException 500, ServiceUnavailableException 503
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors).
 * Retry and fallback follow the status (classifyHttpStatus) except where noted above. The same shape
 * serves InvokeModel, so the Bedrock embeddings dialects use it too.
 */
export function decodeConverseError(response: UpstreamErrorResponse): UpstreamError {
  const body = parseJsonObject(response.body);
  const errorType = readErrorType(response.headers.get('x-amzn-errortype')) ?? readErrorType(stringField(body, '__type'));
  return bedrockError({
    status: response.status,
    errorType,
    message: stringField(body, 'message') ?? stringField(body, 'Message') ?? describeUnreadableBody(response.status, response.body),
    retryAfterMs: readRetryAfterMs(response.headers),
    headers: pickHeaders(response.headers, PASSED_BACK_HEADERS),
  });
}

/**
 * An exception event inside a ConverseStream (`:message-type: exception`, the payload `{"message": ...}`),
 * named by its `:exception-type` (`throttlingException`). Unknown exceptions count as a retryable 500.
 */
export function decodeConverseStreamException(exceptionType: string, data: string): UpstreamError {
  const body = parseJsonObject(data);
  const status = STREAM_EXCEPTION_STATUS[exceptionType] ?? 500;
  const errorType = exceptionType.charAt(0).toUpperCase() + exceptionType.slice(1);
  return bedrockError({
    status,
    errorType,
    message: stringField(body, 'message') ?? stringField(body, 'Message') ?? `The upstream stream reported ${errorType}`,
  });
}

function bedrockError(options: { status: number; errorType: string | undefined; message: string; retryAfterMs?: number; headers?: Record<string, string> }): UpstreamError {
  const policy = (options.errorType === undefined ? undefined : POLICY_OVERRIDES[options.errorType]) ?? classifyHttpStatus(options.status);
  return new UpstreamError({
    kind: 'http',
    status: options.status,
    message: options.message,
    code: options.errorType ?? null,
    retryable: policy.retryable,
    fallbackable: policy.fallbackable,
    retryAfterMs: options.retryAfterMs,
    headers: options.headers,
  });
}

/** `ThrottlingException:http://...` or `com.amazon.coral.service#UnrecognizedClientException` → the bare name. */
function readErrorType(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const name = value.split(':')[0].split('#').at(-1)?.trim();
  return name === undefined || name === '' ? undefined : name;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

function stringField(body: Record<string, unknown> | undefined, field: string): string | undefined {
  const value = body?.[field];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

