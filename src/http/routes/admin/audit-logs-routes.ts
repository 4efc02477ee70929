import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseWith } from '../../../errors/validation-error.ts';
import type { AuditLogRepository } from '../../../governance/audit-log.ts';
import { paginatedResponse, parseListQuery } from '../../../logging/list-page.ts';
import { absoluteUrl } from './request-logs-routes.ts';

const filterSchema = z.object({
  actor: z.string().max(1000).optional(),
  action: z.string().max(1000).optional(),
  target: z.string().max(1000).optional(),
});

/**
 * `GET /api/audit-logs/` (contract §14, admin): management changes newest first, as
 * `{count, next, previous, results}`, filtered by `actor`, `action`, `target` (a prefix, so
 * `api-keys` finds every key's entries) and `start_time`/`end_time`. There is no write route:
 * entries are only made by the gateway itself.
 */
export function auditLogsRoutes(auditLogs: Pick<AuditLogRepository, 'list'>) {
  return async function registerAuditLogRoutes(app: FastifyInstance): Promise<void> {
    for (const url of ['/audit-logs/', '/audit-logs']) {
      app.get(url, async (request) => {
        const query = parseListQuery(request.query);
        const filters = parseWith(filterSchema, request.query);
        const { count, results } = await auditLogs.list({
          ...filters, page: query.page, pageSize: query.pageSize, startTime: query.startTime, endTime: query.endTime,
        });
        return paginatedResponse({ requestUrl: absoluteUrl(request), page: query.page, pageSize: query.pageSize, count, results });
      });
    }
  };
}
