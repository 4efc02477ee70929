import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../../errors/gateway-error.ts';
import { ValidationError } from '../../errors/validation-error.ts';

/**
 * The only place errors become JSON. Router endpoints answer in OpenAI's shape
 * (`{"error": {message, type, param, code}}`); management endpoints in Respan's (`{"detail": ...}`).
 * Unexpected errors are reported as 500 without their message, which could carry internals.
 */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const fastifyError = error as Partial<FastifyError> & { validation?: Array<{ instancePath?: string; message?: string; params?: Record<string, unknown> }> };
  if (Array.isArray(fastifyError.validation)) {
    const first = fastifyError.validation[0];
    const param = paramFromInstancePath(first?.instancePath ?? '', first?.params);
    const message = param === 'body' ? 'The request body must be a JSON object' : `Invalid value for '${param}': ${first?.message ?? 'invalid'}`;
    return new GatewayError({ status: 400, message, param, code: 'invalid_type' });
  }
  const status = fastifyError.statusCode;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return new GatewayError({ status: 413, message: 'Request body is larger than this gateway accepts (max_request_body_mb)', code: 'request_too_large' });
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = fastifyError.code?.startsWith('FST_ERR_CTP') && status === 400
      ? `We could not parse the JSON body of your request: ${fastifyError.message ?? 'malformed JSON'}`
      : fastifyError.message ?? 'Bad request';
    return new GatewayError({ status, message, code: status === 400 ? 'invalid_json' : null });
  }
  return new GatewayError({ status: 500, message: 'Internal gateway error', code: 'internal_error', cause: error });
}

function paramFromInstancePath(instancePath: string, params: Record<string, unknown> | undefined): string {
  const missing = typeof params?.missingProperty === 'string' ? params.missingProperty : undefined;
  const segments = instancePath.split('/').filter((segment) => segment !== '');
  if (missing !== undefined) segments.push(missing);
  let param = '';
  for (const segment of segments) param += /^\d+$/.test(segment) ? `[${segment}]` : param === '' ? segment : `.${segment}`;
  return param === '' ? 'body' : param;
}

export function renderOpenAIError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const failure = toGatewayError(error);
  if (failure.status >= 500) request.log.error({ err: failure.cause ?? failure }, 'request failed');
  void reply.code(failure.status).header('x-respan-gateway-request-id', request.id).headers(failure.headers).send(failure.toJSON());
}

export function renderManagementError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const failure = toGatewayError(error);
  if (failure.status >= 500) request.log.error({ err: failure.cause ?? failure }, 'request failed');
  const body = failure instanceof ValidationError ? { detail: failure.message, errors: failure.errors } : { detail: failure.message };
  void reply.code(failure.status).headers(failure.headers).send(body);
}
