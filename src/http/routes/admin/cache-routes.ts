import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ResponseCache } from '../../../cache/response-cache.ts';
import { parseWith } from '../../../errors/validation-error.ts';

const purgeQuery = z.object({ customer_identifier: z.string().min(1).optional() }).strict();

/**
 * `DELETE /api/caches/` (Respan's path): empties the response cache, or only the entries written
 * for one customer (`?customer_identifier=`). Answers how many entries went.
 */
export function cacheRoutes(cache: () => ResponseCache) {
  return async function registerCacheRoutes(app: FastifyInstance): Promise<void> {
    for (const url of ['/caches/', '/caches']) {
      app.delete(url, async (request) => {
        const query = parseWith(purgeQuery, request.query);
        const purged = await cache().purge(query.customer_identifier === undefined ? undefined : { customerIdentifier: query.customer_identifier });
        return { deleted: purged };
      });
    }
  };
}
