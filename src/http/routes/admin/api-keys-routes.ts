import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../../../errors/gateway-error.ts';
import { parseWith } from '../../../errors/validation-error.ts';
import { generateApiKey, keyPrefix } from '../../../keys/api-key-hash.ts';
import type { KeyRing } from '../../../keys/key-ring.ts';
import { limitFromWire, limitToWire, limitWireSchema } from '../../../limits/limit-wire.ts';
import type { ApiKeyRepository, ApiKeyRow } from '../../../storage/database.ts';

const scopeSchema = z.enum(['inference', 'read', 'admin']);
const expiresAtSchema = z.iso.datetime({ offset: true }).nullable();

const createSchema = z.object({
  name: z.string().trim().min(1).max(200),
  scope: scopeSchema.default('inference'),
  limits: z.array(limitWireSchema).default([]),
  expires_at: expiresAtSchema.optional(),
}).strict();

const updateSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  scope: scopeSchema.optional(),
  limits: z.array(limitWireSchema).optional(),
  expires_at: expiresAtSchema.optional(),
}).strict();

/** What the API shows of a key: never the key or its hash. */
function present(row: ApiKeyRow) {
  return {
    id: row.id, name: row.name, key_prefix: row.key_prefix, scope: row.scope, limits: row.limits.map(limitToWire),
    created_at: row.created_at, expires_at: row.expires_at, revoked_at: row.revoked_at, is_active: row.revoked_at === null,
  };
}

/**
 * /api/api-keys/ (contract §8): create (the key is shown once, in the creation response), list,
 * read, change, revoke. The key ring is updated at once so a revoked key stops working now.
 */
export function apiKeysRoutes(options: { repository: ApiKeyRepository; keyRing: KeyRing; onChange?: () => void; limitUsage?: (row: ApiKeyRow) => Promise<unknown[]> }) {
  const { repository, keyRing } = options;
  const changed = (row: ApiKeyRow) => {
    keyRing.upsert(row);
    options.onChange?.();
  };
  return async function registerApiKeyRoutes(app: FastifyInstance): Promise<void> {
    app.post('/api-keys/', async (request, reply) => {
      const input = parseWith(createSchema, request.body);
      const key = generateApiKey();
      const row: ApiKeyRow = {
        id: randomUUID(), name: input.name, key_hash: keyRing.hash(key), key_prefix: keyPrefix(key), scope: input.scope,
        limits: input.limits.map(limitFromWire), created_at: new Date().toISOString(),
        expires_at: input.expires_at == null ? null : new Date(input.expires_at).toISOString(), revoked_at: null,
      };
      await repository.insert(row);
      changed(row);
      return reply.code(201).send({ ...present(row), key });
    });
    app.get('/api-keys/', async () => {
      const rows = await repository.list();
      return { count: rows.length, next: null, previous: null, results: rows.map(present) };
    });
    app.get<{ Params: { id: string } }>('/api-keys/:id/', async (request) => {
      const row = await find(repository, request.params.id);
      const usage = row.limits.length > 0 ? await options.limitUsage?.(row) : undefined;
      return { ...present(row), ...(usage !== undefined && { limit_usage: usage }) };
    });
    app.patch<{ Params: { id: string } }>('/api-keys/:id/', async (request) => {
      const input = parseWith(updateSchema, request.body);
      await find(repository, request.params.id);
      const row = await repository.update(request.params.id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.scope !== undefined && { scope: input.scope }),
        ...(input.limits !== undefined && { limits: input.limits.map(limitFromWire) }),
        ...(input.expires_at !== undefined && { expires_at: input.expires_at === null ? null : new Date(input.expires_at).toISOString() }),
      });
      if (row === undefined) throw notFound();
      changed(row);
      return present(row);
    });
    app.delete<{ Params: { id: string } }>('/api-keys/:id/', async (request) => {
      await find(repository, request.params.id);
      const row = await repository.revoke(request.params.id, new Date().toISOString());
      if (row === undefined) throw notFound();
      changed(row);
      return present(row);
    });
  };
}

async function find(repository: ApiKeyRepository, id: string): Promise<ApiKeyRow> {
  const row = await repository.get(id);
  if (row === undefined) throw notFound();
  return row;
}

function notFound(): GatewayError {
  return new GatewayError({ status: 404, message: 'Not found.', code: 'not_found' });
}
