import type { FastifyInstance } from 'fastify';
import type { ModelCatalog } from '../../catalog/model-catalog.ts';

/**
 * GET /api/models (OpenAI's list shape, for API keys) and GET /api/models/public (the priced
 * catalog, open like Respan's). Both bodies are serialised once at start-up: the catalog does not
 * change while the process runs.
 */
export async function registerModelList(app: FastifyInstance, catalog: ModelCatalog): Promise<void> {
  const created = Math.floor(Date.now() / 1000);
  const openAIList = JSON.stringify({
    object: 'list',
    data: catalog.list().map((entry) => ({ id: entry.model_name, object: 'model', created, owned_by: entry.provider_id })),
  });
  app.get('/models', async (_request, reply) => reply.type('application/json; charset=utf-8').send(openAIList));
}

export async function registerPublicCatalog(app: FastifyInstance, catalog: ModelCatalog): Promise<void> {
  const entries = catalog.list();
  const publicCatalog = JSON.stringify({
    count: entries.length,
    next: null,
    previous: null,
    results: entries.map((entry) => ({
      model_name: entry.model_name,
      provider_id: entry.provider_id,
      input_cost: entry.input_cost,
      output_cost: entry.output_cost,
      cache_read_cost: entry.cache_read_cost ?? null,
      cache_write_cost: entry.cache_write_cost ?? null,
      context_window: entry.context_window,
      mode: entry.mode,
    })),
  });
  app.get('/models/public', async (_request, reply) => reply.type('application/json; charset=utf-8').send(publicCatalog));
}
