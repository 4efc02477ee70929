import type { FastifyInstance } from 'fastify';
import type { ModelCatalog } from '../../catalog/model-catalog.ts';
import type { GatewayServices } from '../../gateway/gateway-services.ts';

/**
 * GET /api/models (OpenAI's list shape, for API keys) and GET /api/models/public (the priced
 * catalog, open like Respan's). Each body is serialised once per catalog: the catalog only
 * changes when custom models do.
 */
export async function registerModelList(app: FastifyInstance, services: GatewayServices): Promise<void> {
  const render = perCatalog((catalog) => {
    const created = Math.floor(Date.now() / 1000);
    return JSON.stringify({
      object: 'list',
      data: catalog.list().map((entry) => ({ id: entry.model_name, object: 'model', created, owned_by: entry.provider_id })),
    });
  });
  app.get('/models', async (request, reply) => reply.header('x-respan-gateway-request-id', request.id).type('application/json; charset=utf-8').send(render(services.catalog)));
}

export async function registerPublicCatalog(app: FastifyInstance, services: GatewayServices): Promise<void> {
  const render = perCatalog((catalog) => {
    const entries = catalog.list();
    return JSON.stringify({
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
  });
  app.get('/models/public', async (request, reply) => reply.header('x-respan-gateway-request-id', request.id).type('application/json; charset=utf-8').send(render(services.catalog)));
}

function perCatalog(render: (catalog: ModelCatalog) => string): (catalog: ModelCatalog) => string {
  const rendered = new WeakMap<ModelCatalog, string>();
  return (catalog) => {
    let body = rendered.get(catalog);
    if (body === undefined) {
      body = render(catalog);
      rendered.set(catalog, body);
    }
    return body;
  };
}
