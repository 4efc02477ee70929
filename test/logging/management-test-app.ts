import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiKeyScope } from '../../src/config/config.ts';
import { renderManagementError } from '../../src/http/plugins/render-errors.ts';

/**
 * A bare Fastify app shaped like the gateway's management scope: every request is already
 * authenticated (admin unless the `x-test-scope` header says otherwise) and errors render as
 * `{"detail"}`. Routes are registered under `/api`.
 */
export async function managementTestApp(register: (app: FastifyInstance) => Promise<void>): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.decorateRequest('auth', null as never);
  app.addHook('onRequest', async (request) => {
    const scope = (request.headers['x-test-scope'] as ApiKeyScope | undefined) ?? 'admin';
    request.auth = { keyId: scope === 'admin' ? null : 'key-1', keyName: scope === 'admin' ? 'admin' : 'reader', scope, limits: [] };
  });
  app.setErrorHandler(renderManagementError);
  await app.register(register, { prefix: '/api' });
  await app.ready();
  return app;
}
