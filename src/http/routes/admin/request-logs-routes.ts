import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../../../errors/gateway-error.ts';
import { logFieldAliases, logFields } from '../../../logging/log-fields.ts';
import { parseLogFilters } from '../../../logging/log-filters.ts';
import type { LogRecord } from '../../../logging/log-record.ts';
import { paginatedResponse, parseListQuery } from '../../../logging/list-page.ts';
import { parseSortBy } from '../../../logging/parse-sort-by.ts';
import type { LogRepository } from '../../../storage/database.ts';

export interface RequestLogRoutesOptions {
  database: { logs: Pick<LogRepository, 'list' | 'get' | 'summarize'> };
  /** Records queued but not yet written: a log fetched right after its response is found there. */
  logWriter: { pending(uniqueId: string): LogRecord | undefined };
}

/**
 * Respan's logs API (contract §7), registered under `/api` in a scope that has authenticated the
 * caller, checked the `read` scope and renders errors as `{"detail"}`.
 */
export async function registerRequestLogRoutes(app: FastifyInstance, options: RequestLogRoutesOptions): Promise<void> {
  const { database, logWriter } = options;

  for (const url of withAndWithoutSlash('/request-logs/list')) {
    app.post(url, async (request) => {
      const query = parseListQuery(request.query);
      const filters = parseLogFilters(request.body);
      const sortBy = parseSortBy({ sortBy: query.sortBy, fields: logFields, aliases: logFieldAliases, defaultSort: '-timestamp', scores: true });
      const { count, results } = await database.logs.list({
        filters, sortBy, page: query.page, pageSize: query.pageSize, startTime: query.startTime, endTime: query.endTime,
      });
      return paginatedResponse({ requestUrl: absoluteUrl(request), page: query.page, pageSize: query.pageSize, count, results });
    });
  }

  for (const url of withAndWithoutSlash('/request-logs/summary')) {
    app.post(url, async (request) => {
      const query = parseListQuery(request.query);
      const filters = parseLogFilters(request.body);
      return database.logs.summarize({ filters, startTime: query.startTime, endTime: query.endTime });
    });
  }

  for (const url of withAndWithoutSlash('/request-logs/:unique_id')) {
    app.get<{ Params: { unique_id: string } }>(url, async (request) => {
      const uniqueId = request.params.unique_id;
      const record = logWriter.pending(uniqueId) ?? (await database.logs.get(uniqueId));
      if (record === undefined) throw new GatewayError({ status: 404, message: 'Not found.', code: 'not_found' });
      return record;
    });
  }
}

function withAndWithoutSlash(path: string): string[] {
  return [`${path}/`, path];
}

/** The URL the client called, for `next`/`previous` links. */
export function absoluteUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${request.url}`;
}
