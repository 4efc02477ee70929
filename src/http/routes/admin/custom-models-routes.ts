import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../../errors/gateway-error.ts';
import { parseWith } from '../../../errors/validation-error.ts';
import { customModelCreateSchema, customModelPatchSchema, presentCustomModel } from '../../../settings/custom-model-settings.ts';
import type { PlatformSettingsStore } from '../../../settings/platform-settings-store.ts';

/**
 * /api/models/ (contract §8): custom models and aliases. The trailing slash keeps these apart from
 * the OpenAI model list at `GET /api/models` and the catalog at `/api/models/public`. Model names
 * may contain `/`: clients send it percent-encoded (`/api/models/meta-llama%2FLlama-3/`).
 * Models from the config file are listed (`source: "config"`) but read-only.
 */
export function customModelsRoutes(store: PlatformSettingsStore) {
  return async function registerCustomModelRoutes(app: FastifyInstance): Promise<void> {
    app.get('/models/', async () => {
      const results = store.settings().customModels.map(presentCustomModel);
      return { count: results.length, next: null, previous: null, results };
    });
    app.post('/models/', async (request, reply) => {
      const created = await store.createCustomModel(parseWith(customModelCreateSchema, request.body));
      return reply.code(201).send(presentCustomModel(created));
    });
    app.get<{ Params: { model_name: string } }>('/models/:model_name/', async (request) => {
      const found = store.settings().customModels.find((sourced) => sourced.key === request.params.model_name);
      if (found === undefined) throw new GatewayError({ status: 404, message: 'Not found.', code: 'not_found' });
      return presentCustomModel(found);
    });
    app.patch<{ Params: { model_name: string } }>('/models/:model_name/', async (request) =>
      presentCustomModel(await store.updateCustomModel(request.params.model_name, parseWith(customModelPatchSchema, request.body))),
    );
    app.delete<{ Params: { model_name: string } }>('/models/:model_name/', async (request) => presentCustomModel(await store.deleteCustomModel(request.params.model_name)));
  };
}
