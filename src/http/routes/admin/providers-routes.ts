import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../../../errors/gateway-error.ts';
import { parseWith, ValidationError } from '../../../errors/validation-error.ts';
import type { ProviderCredentialStore } from '../../../gateway/provider-credential-store.ts';
import type { Provider, ProviderCredentials } from '../../../providers/provider.ts';
import type { ProviderRegistry } from '../../../providers/registry.ts';
import { describeCredentials, type StoredProviderCredentials } from '../../../secrets/stored-provider-credentials.ts';

const upsertSchema = z.object({ provider_id: z.string().min(1) }).catchall(z.unknown());
const patchSchema = z.record(z.string(), z.unknown());

/**
 * /api/providers/ (contract §8): provider credentials, write-only. POST upserts by `provider_id`
 * (Respan's semantics), PATCH merges fields, DELETE falls back to the config file's credentials.
 * Secrets are sealed at rest and never returned: responses name which secret fields are set.
 */
export function providersRoutes(options: { registry: ProviderRegistry; store: StoredProviderCredentials; credentials: ProviderCredentialStore; onChange?: () => void }) {
  const { registry, store, credentials } = options;
  const reload = async () => {
    credentials.replaceStored(await store.loadAll());
    options.onChange?.();
  };
  const present = (provider: Provider) => {
    const current = credentials.get(provider.id);
    return { provider_id: provider.id, provider_name: provider.displayName, configured: current !== undefined, ...describeCredentials(current ?? {}) };
  };
  const save = async (provider: Provider, next: ProviderCredentials) => {
    const check = provider.checkCredentials(next);
    if (!check.ok) throw new ValidationError(check.errors);
    await store.save(provider.id, next);
    await reload();
  };
  return async function registerProviderRoutes(app: FastifyInstance): Promise<void> {
    app.get('/providers/', async () => {
      const results = credentials.configuredProviderIds().map((id) => registry.resolve(id)).filter((provider) => provider !== undefined).map(present);
      return { count: results.length, next: null, previous: null, results };
    });
    app.post('/providers/', async (request, reply) => {
      const { provider_id: providerId, ...fields } = parseWith(upsertSchema, request.body);
      const provider = find(registry, providerId);
      await save(provider, fields);
      return reply.code(201).send(present(provider));
    });
    app.get<{ Params: { id: string } }>('/providers/:id/', async (request) => present(find(registry, request.params.id)));
    app.patch<{ Params: { id: string } }>('/providers/:id/', async (request) => {
      const provider = find(registry, request.params.id);
      const patch = parseWith(patchSchema, request.body);
      await save(provider, { ...credentials.get(provider.id), ...patch });
      return present(provider);
    });
    app.delete<{ Params: { id: string } }>('/providers/:id/', async (request) => {
      const provider = find(registry, request.params.id);
      if (!(await store.remove(provider.id))) throw new GatewayError({ status: 404, message: 'Not found.', code: 'not_found' });
      await reload();
      return present(provider);
    });
  };
}

function find(registry: ProviderRegistry, id: string): Provider {
  const provider = registry.resolve(id);
  if (provider === undefined) throw new ValidationError({ provider_id: [`Unknown provider '${id}'`] });
  return provider;
}
