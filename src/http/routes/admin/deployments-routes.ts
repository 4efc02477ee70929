import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../../errors/gateway-error.ts';
import { parseWith } from '../../../errors/validation-error.ts';
import { deploymentCreateSchema, deploymentPatchSchema, presentDeployment } from '../../../settings/deployment-settings.ts';
import type { PlatformSettingsStore } from '../../../settings/platform-settings-store.ts';

/**
 * /api/deployments/ (contract §8): extra credentials for a provider, load-balanced by weight.
 * Deployments from the config file are listed (`source: "config"`) but read-only; those created
 * here (`source: "api"`) can be changed and deleted. Secrets are sealed at rest and never returned.
 */
export function deploymentsRoutes(store: PlatformSettingsStore) {
  return async function registerDeploymentRoutes(app: FastifyInstance): Promise<void> {
    app.get('/deployments/', async () => {
      const results = store.settings().deployments.map(presentDeployment);
      return { count: results.length, next: null, previous: null, results };
    });
    app.post('/deployments/', async (request, reply) => {
      const created = await store.createDeployment(parseWith(deploymentCreateSchema, request.body));
      return reply.code(201).send(presentDeployment(created));
    });
    app.get<{ Params: { name: string } }>('/deployments/:name/', async (request) => {
      const found = store.settings().deployments.find((sourced) => sourced.key === request.params.name);
      if (found === undefined) throw new GatewayError({ status: 404, message: 'Not found.', code: 'not_found' });
      return presentDeployment(found);
    });
    app.patch<{ Params: { name: string } }>('/deployments/:name/', async (request) =>
      presentDeployment(await store.updateDeployment(request.params.name, parseWith(deploymentPatchSchema, request.body))),
    );
    app.delete<{ Params: { name: string } }>('/deployments/:name/', async (request) => presentDeployment(await store.deleteDeployment(request.params.name)));
  };
}
