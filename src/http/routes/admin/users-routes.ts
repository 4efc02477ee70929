import type { LimitConfig } from '../../../config/config.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../../../errors/gateway-error.ts';
import { parseWith } from '../../../errors/validation-error.ts';
import { limitFromWire, limitToWire, limitWireSchema } from '../../../limits/limit-wire.ts';
import { customerFieldAliases, customerFields } from '../../../logging/log-fields.ts';
import { parseCustomerFilters } from '../../../logging/log-filters.ts';
import { paginatedResponse, parseListQuery } from '../../../logging/list-page.ts';
import { parseSortBy } from '../../../logging/parse-sort-by.ts';
import type { CustomerRepository, CustomerWithUsage, LogFilter } from '../../../storage/database.ts';
import { requireScope } from '../../plugins/authenticate.ts';
import { absoluteUrl } from './request-logs-routes.ts';

export interface UserRoutesOptions {
  database: { customers: CustomerRepository };
  /** Flushed before an erasure, so the customer's queued logs are written and then erased too. */
  logWriter?: { flush(): Promise<void> };
  /** Makes changed customer limits effective for the limit stage (this replica and the others). */
  onLimitsChange?: (customerIdentifier: string, limits: LimitConfig[]) => Promise<void>;
  /** Current usage of each of a customer's limits, shown with the user. */
  limitUsage?: (customerIdentifier: string, limits: readonly LimitConfig[]) => Promise<unknown[]>;
  /**
   * The rest of a GDPR erasure (contract §14), each returning how many items it removed: the
   * customer's response-cache entries, and their evaluation scores (erased with their logs; the
   * evaluations store plugs in here). Customer limits are cleared through `onLimitsChange`.
   */
  erase?: {
    cacheEntries?: (customerIdentifier: string) => Promise<number>;
    scores?: (customerIdentifier: string) => Promise<number>;
    limitCounters?: (customerIdentifier: string) => Promise<number>;
  };
}

const patchSchema = z.object({
  name: z.string().max(1000).nullable().optional(),
  email: z.string().max(1000).nullable().optional(),
  limits: z.array(limitWireSchema).optional(),
}).strict();

type Params = { Params: { customer_identifier: string } };

/**
 * Respan's users API (contract §7): end customers with their requests, tokens and spend over a
 * period (`start_time`/`end_time`). Reading needs the `read` scope (checked by the enclosing
 * scope); changing or erasing a customer needs `admin`.
 */
export async function registerUserRoutes(app: FastifyInstance, options: UserRoutesOptions): Promise<void> {
  const { customers } = options.database;

  const list = async (request: { query: unknown; body?: unknown }, filters: LogFilter[], url: string) => {
    const query = parseListQuery(request.query);
    const sortBy = parseSortBy({ sortBy: query.sortBy, fields: customerFields, aliases: customerFieldAliases, defaultSort: '-last_seen' });
    const { count, results } = await customers.list({
      filters, sortBy, page: query.page, pageSize: query.pageSize, startTime: query.startTime, endTime: query.endTime,
    });
    return paginatedResponse({ requestUrl: url, page: query.page, pageSize: query.pageSize, count, results: results.map(presentUser) });
  };

  for (const url of withAndWithoutSlash('/users/list')) {
    app.get(url, async (request) => list(request, [], absoluteUrl(request)));
    app.post(url, async (request) => list(request, parseCustomerFilters(request.body), absoluteUrl(request)));
  }

  for (const url of withAndWithoutSlash('/users/:customer_identifier')) {
    app.get<Params>(url, async (request) => {
      const query = parseListQuery(request.query);
      const user = await customers.get(request.params.customer_identifier, { startTime: query.startTime, endTime: query.endTime });
      if (user === undefined) throw notFound();
      const limitUsage = user.limits.length > 0 ? await options.limitUsage?.(user.customer_identifier, user.limits) : undefined;
      return { ...presentUser(user), ...(limitUsage !== undefined && { limit_usage: limitUsage }) };
    });

    app.patch<Params>(url, { preHandler: requireScope('admin') }, async (request) => {
      const input = parseWith(patchSchema, request.body);
      const identifier = request.params.customer_identifier;
      await customers.update(identifier, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.email !== undefined && { email: input.email }),
        ...(input.limits !== undefined && { limits: input.limits.map(limitFromWire) }),
      });
      if (input.limits !== undefined) await options.onLimitsChange?.(identifier, input.limits.map(limitFromWire));
      const user = await customers.get(identifier);
      if (user === undefined) throw notFound();
      return presentUser(user);
    });

    app.delete<Params>(url, { preHandler: requireScope('admin') }, async (request) => {
      const identifier = request.params.customer_identifier;
      await options.logWriter?.flush();
      // Scores go first: they hang off the logs deleted next.
      const scores = await options.erase?.scores?.(identifier) ?? 0;
      const deleted = await customers.delete(identifier);
      const cacheEntries = await options.erase?.cacheEntries?.(identifier) ?? 0;
      if (deleted.customers === 0 && deleted.logs === 0 && cacheEntries === 0 && scores === 0) throw notFound();
      await options.onLimitsChange?.(identifier, []);
      await options.erase?.limitCounters?.(identifier);
      return { deleted: { logs: deleted.logs, scores, cache_entries: cacheEntries } };
    });
  }
}

function presentUser(user: CustomerWithUsage) {
  return {
    customer_identifier: user.customer_identifier,
    name: user.name,
    email: user.email,
    limits: user.limits.map(limitToWire),
    first_seen: user.first_seen,
    last_seen: user.last_seen,
    number_of_requests: user.number_of_requests,
    total_tokens: user.total_tokens,
    total_cost: user.total_cost,
  };
}

function notFound(): GatewayError {
  return new GatewayError({ status: 404, message: 'Not found.', code: 'not_found' });
}

function withAndWithoutSlash(path: string): string[] {
  return [`${path}/`, path];
}
