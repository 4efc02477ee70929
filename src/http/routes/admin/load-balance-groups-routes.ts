import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../../errors/gateway-error.ts';
import { parseWith } from '../../../errors/validation-error.ts';
import { loadBalanceGroupCreateSchema, loadBalanceGroupPatchSchema, presentLoadBalanceGroup } from '../../../settings/load-balance-group-settings.ts';
import type { PlatformSettingsStore } from '../../../settings/platform-settings-store.ts';

/**
 * /api/load-balance-groups/ (contract §8): named weighted groups a request picks with
 * `load_balance_group: {group_id}`. Groups from the config file are listed (`source: "config"`) but
 * read-only. Member credentials are sealed at rest and shown only by field name.
 */
export function loadBalanceGroupsRoutes(store: PlatformSettingsStore) {
  return async function registerLoadBalanceGroupRoutes(app: FastifyInstance): Promise<void> {
    app.get('/load-balance-groups/', async () => {
      const results = store.settings().loadBalanceGroups.map(presentLoadBalanceGroup);
      return { count: results.length, next: null, previous: null, results };
    });
    app.post('/load-balance-groups/', async (request, reply) => {
      const created = await store.createLoadBalanceGroup(parseWith(loadBalanceGroupCreateSchema, request.body));
      return reply.code(201).send(presentLoadBalanceGroup(created));
    });
    app.get<{ Params: { group_id: string } }>('/load-balance-groups/:group_id/', async (request) => {
      const found = store.settings().loadBalanceGroups.find((sourced) => sourced.key === request.params.group_id);
      if (found === undefined) throw new GatewayError({ status: 404, message: 'Not found.', code: 'not_found' });
      return presentLoadBalanceGroup(found);
    });
    app.patch<{ Params: { group_id: string } }>('/load-balance-groups/:group_id/', async (request) =>
      presentLoadBalanceGroup(await store.updateLoadBalanceGroup(request.params.group_id, parseWith(loadBalanceGroupPatchSchema, request.body))),
    );
    app.delete<{ Params: { group_id: string } }>('/load-balance-groups/:group_id/', async (request) =>
      presentLoadBalanceGroup(await store.deleteLoadBalanceGroup(request.params.group_id)),
    );
  };
}
