import Fastify, { type FastifyInstance } from 'fastify';
import type { GatewayServices } from './gateway/gateway-services.ts';
import { timeOrderedId } from './gateway/time-ordered-id.ts';
import { authenticateWith, requireScope } from './http/plugins/authenticate.ts';
import { renderManagementError, renderOpenAIError } from './http/plugins/render-errors.ts';
import { registerInferenceRoutes } from './http/routes/inference-routes.ts';
import { registerModelList, registerPublicCatalog } from './http/routes/model-routes.ts';
import { registerOperationsRoutes, type HealthSource } from './http/routes/operations-routes.ts';
import type { KeyRing } from './keys/key-ring.ts';
import { GatewayError } from './errors/gateway-error.ts';

/** A group of management routes, registered under `/api` with its scope and `{detail}` errors. */
export interface ManagementRoutes {
  scope: 'read' | 'admin';
  register(app: FastifyInstance): Promise<void>;
}

export interface AppDependencies {
  services: GatewayServices;
  keyRing: KeyRing;
  health: HealthSource;
  managementRoutes: readonly ManagementRoutes[];
  /** Routes that authenticate themselves (passthrough with native key headers). */
  selfAuthenticatedRoutes?: ReadonlyArray<(app: FastifyInstance) => Promise<void>>;
}

/** Builds the HTTP edge. No I/O happens here: everything it needs is passed in, ready. */
export async function buildApp(dependencies: AppDependencies): Promise<FastifyInstance> {
  const { services, keyRing } = dependencies;
  const app = Fastify({
    logger: false,
    bodyLimit: Math.floor(services.config.maxRequestBodyMb * 1024 * 1024),
    genReqId: () => timeOrderedId(),
    return503OnClosing: true,
    // Schemas check types; they never rewrite what the client sent.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false } },
  });
  app.decorateRequest('auth', null as never);

  // Every body is read as JSON, whatever its content type: `curl -d` sends form encoding by default.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    // An empty body (a DELETE sent with a JSON content type) is no body; routes that need one say so.
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(new GatewayError({ status: 400, message: `We could not parse the JSON body of your request: ${(error as Error).message}`, code: 'invalid_json' }));
    }
  });

  app.setErrorHandler(renderOpenAIError);
  app.setNotFoundHandler((request, reply) => {
    renderOpenAIError(new GatewayError({ status: 404, message: `Unknown route: ${request.method} ${request.url.split('?')[0]}`, code: 'unknown_route' }), request, reply);
  });

  await app.register(async (operations) => registerOperationsRoutes(operations, { metrics: services.metrics, health: dependencies.health }));

  await app.register(async (api) => {
    await api.register(async (publicApi) => registerPublicCatalog(publicApi, services));
    await api.register(async (authenticated) => {
      authenticated.addHook('onRequest', authenticateWith(keyRing));
      await registerInferenceRoutes(authenticated, services);
      await registerModelList(authenticated, services);
      for (const group of dependencies.managementRoutes) {
        await authenticated.register(async (management) => {
          management.setErrorHandler(renderManagementError);
          management.addHook('preHandler', requireScope(group.scope));
          await group.register(management);
        });
      }
    });
    for (const register of dependencies.selfAuthenticatedRoutes ?? []) await api.register(register);
  }, { prefix: '/api' });

  return app;
}
