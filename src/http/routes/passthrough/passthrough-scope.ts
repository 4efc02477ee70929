import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../../../errors/gateway-error.ts';
import type { GatewayServices } from '../../../gateway/gateway-services.ts';
import type { RequestContext } from '../../../gateway/request-context.ts';
import type { KeyRing } from '../../../keys/key-ring.ts';
import { nativeErrorBody, type NativeErrorFormat } from '../../../passthrough/native-error-body.ts';
import type { PassthroughReply } from '../../../passthrough/passthrough-reply.ts';
import { authenticateWith } from '../../plugins/authenticate.ts';
import { toGatewayError } from '../../plugins/render-errors.ts';
import { contextFor } from '../inference-routes.ts';
import { sendPassthroughReply } from './send-passthrough-reply.ts';

export interface PassthroughRouteOptions {
  services: GatewayServices;
  keyRing: KeyRing;
}

/**
 * Sets up one passthrough mount: its own key reader (each provider's SDK sends the key in its own
 * header) and every error, its 404s and 401s included, in the provider's native shape, since the
 * provider's SDK is what reads them.
 */
export function setUpPassthroughScope(app: FastifyInstance, options: {
  keyRing: KeyRing;
  format: NativeErrorFormat;
  readKey: (request: FastifyRequest) => string | undefined;
  /** Where this mount's clients put the key, for the message when none came. */
  keyHint: string;
}): void {
  const render = (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const failure = toGatewayError(error);
    if (failure.status >= 500) request.log.error({ err: failure.cause ?? failure }, 'passthrough request failed');
    void reply.code(failure.status).headers(failure.headers).type('application/json').send(nativeErrorBody(options.format, failure));
  };
  app.setErrorHandler(render);
  app.setNotFoundHandler((request, reply) => {
    render(new GatewayError({ status: 404, message: `Unknown route: ${request.method} ${request.url.split('?')[0]}` }), request, reply);
  });
  const authenticate = authenticateWith(options.keyRing, options.readKey);
  app.addHook('onRequest', (request, reply, done) => {
    const key = options.readKey(request);
    if (key !== undefined && key !== '') return authenticate(request, reply, done);
    done(new GatewayError({ status: 401, message: `Missing API key: send it as ${options.keyHint}`, type: 'authentication_error', code: 'missing_api_key' }));
  });
}

/** Runs a passthrough handler and renders its reply, counting it in the request metrics. */
export async function servePassthrough(options: {
  services: GatewayServices;
  request: FastifyRequest;
  reply: FastifyReply;
  endpoint: string;
  handle: (context: RequestContext) => Promise<PassthroughReply>;
}): Promise<void> {
  const { services, reply, endpoint } = options;
  const stopTimer = services.metrics.requestDuration.startTimer({ endpoint });
  try {
    await sendPassthroughReply(reply, await options.handle(contextFor(options.request, reply)));
    services.metrics.requests.inc({ endpoint, status: String(reply.raw.statusCode) });
  } catch (error) {
    services.metrics.requests.inc({ endpoint, status: String((error as { status?: number }).status ?? 500) });
    throw error;
  } finally {
    stopTimer();
  }
}

/** The query string of a request, as sent. */
export function queryOf(request: FastifyRequest): URLSearchParams {
  const index = request.url.indexOf('?');
  return new URLSearchParams(index < 0 ? '' : request.url.slice(index + 1));
}

/** A header's first value. */
export function firstHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
