import Fastify, { type FastifyInstance } from 'fastify';
import { configDefaults } from './config/config-defaults.ts';
import type { GatewayServices } from './gateway/gateway-services.ts';
import { timeOrderedId } from './gateway/time-ordered-id.ts';
import type { AuditLogRepository } from './governance/audit-log.ts';
import { findJsonShapeProblem } from './governance/check-json-shape.ts';
import { EdgeRateLimiter, presentedKey } from './governance/edge-rate-limiter.ts';
import { recordManagementChanges } from './governance/record-management-changes.ts';
import { authenticateWith, requireScope } from './http/plugins/authenticate.ts';
import { renderManagementError, renderOpenAIError } from './http/plugins/render-errors.ts';
import { registerDashboardRoutes } from './http/routes/dashboard-routes.ts';
import { registerInferenceRoutes } from './http/routes/inference-routes.ts';
import { registerModelList, registerPublicCatalog } from './http/routes/model-routes.ts';
import { registerOperationsRoutes, type HealthSource } from './http/routes/operations-routes.ts';
import type { KeyRing } from './keys/key-ring.ts';
import { GatewayError } from './errors/gateway-error.ts';

/** A group of management routes, registered under `/api` with its scope and `{detail}` errors. */
export interface ManagementRoutes {
  scope: 'inference' | 'read' | 'admin';
  register(app: FastifyInstance): Promise<void>;
}

export interface AppDependencies {
  services: GatewayServices;
  keyRing: KeyRing;
  health: HealthSource;
  managementRoutes: readonly ManagementRoutes[];
  /** Routes that authenticate themselves (passthrough with native key headers). */
  selfAuthenticatedRoutes?: ReadonlyArray<(app: FastifyInstance) => Promise<void>>;
  /** Where management changes are recorded (contract §14); absent, nothing is audited. */
  audit?: { auditLogs: Pick<AuditLogRepository, 'append'>; warn: (message: string) => void };
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
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false, allowUnionTypes: true } },
    // Slow clients (slowloris): headers must arrive within 15 s and the whole request within
    // 120 s. Node's requestTimeout covers receiving the request only, so a response streamed for
    // minutes is not cut; the socket inactivity timeout stays off for the same reason (a model
    // may think for longer than any fixed idle bound before its first byte).
    requestTimeout: 120_000,
    http: { headersTimeout: 15_000, maxHeaderSize: 16 * 1024 },
  });
  app.decorateRequest('auth', null as never);

  // Every body is read as JSON, whatever its content type: `curl -d` sends form encoding by default.
  app.removeAllContentTypeParsers();
  // Configs built by hand (tests) may predate `abuse`: the defaults apply then.
  const abuse = services.config.abuse ?? configDefaults.abuse;
  const jsonLimits = { maxDepth: abuse.maxJsonDepth, maxArrayLength: abuse.maxArrayLength };
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    // An empty body (a DELETE sent with a JSON content type) is no body; routes that need one say so.
    if (body === '') return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body as string);
    } catch (error) {
      return done(new GatewayError({ status: 400, message: `We could not parse the JSON body of your request: ${(error as Error).message}`, code: 'invalid_json' }));
    }
    const problem = findJsonShapeProblem(parsed, jsonLimits);
    if (problem !== undefined) return done(new GatewayError({ status: 400, message: problem, code: 'invalid_json' }));
    done(null, parsed);
  });

  // Runs when a request arrives, before its body is read, so a flooding key costs no parsing.
  const edgeLimiter = new EdgeRateLimiter({ requestsPerSecond: abuse.requestsPerSecond, burst: abuse.burst });
  if (edgeLimiter.enabled) {
    app.addHook('onRequest', (request, _reply, done) => {
      const key = presentedKey(request.headers, request.url);
      const waitSeconds = key === undefined ? 0 : edgeLimiter.take(key);
      if (waitSeconds === 0) return done();
      done(new GatewayError({
        status: 429, message: 'Too many requests with this API key; slow down.', type: 'rate_limit_error', code: 'rate_limit_exceeded',
        headers: { 'retry-after': String(waitSeconds) },
      }));
    });
  }

  app.setErrorHandler(renderOpenAIError);
  app.setNotFoundHandler((request, reply) => {
    renderOpenAIError(new GatewayError({ status: 404, message: `Unknown route: ${request.method} ${request.url.split('?')[0]}`, code: 'unknown_route' }), request, reply);
  });

  await app.register(async (operations) => registerOperationsRoutes(operations, { metrics: services.metrics, health: dependencies.health }));
  await app.register(registerDashboardRoutes);

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
          if (dependencies.audit !== undefined) recordManagementChanges(management, { root: app, ...dependencies.audit });
          await group.register(management);
        });
      }
    });
    for (const register of dependencies.selfAuthenticatedRoutes ?? []) await api.register(register);
  }, { prefix: '/api' });

  return app;
}
