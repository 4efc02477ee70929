import type { LogRecord } from '../../../logging/log-record.ts';
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../../errors/gateway-error.ts';
import { buildSpanTree } from '../../../logging/build-span-tree.ts';
import { traceSummaryAliases, traceSummaryFields } from '../../../logging/log-fields.ts';
import { parseLogFilters } from '../../../logging/log-filters.ts';
import { paginatedResponse, parseListQuery } from '../../../logging/list-page.ts';
import { parseSortBy } from '../../../logging/parse-sort-by.ts';
import type { LogRepository } from '../../../storage/database.ts';
import type { TraceListing } from '../../../storage/database-with-traces.ts';
import { absoluteUrl } from './request-logs-routes.ts';

export interface TraceRoutesOptions {
  database: { logs: Pick<LogRepository, 'listTrace'> & TraceListing };
  logWriter?: { pendingInTrace(traceUniqueId: string): LogRecord[] };
}

/**
 * Respan's traces API (contract §7, §14). A trace is every log sharing a trace_unique_id: the
 * gateway's own requests (each with its upstream attempts as children) and the spans applications
 * send to POST /api/request-logs/, linked by span_parent_id (build-span-tree.ts). The list groups
 * logs by trace_unique_id and takes the logs filters.
 */
export async function registerTraceRoutes(app: FastifyInstance, options: TraceRoutesOptions): Promise<void> {
  const { logs } = options.database;

  for (const url of withAndWithoutSlash('/traces/list')) {
    app.post(url, async (request) => {
      const query = parseListQuery(request.query);
      const filters = parseLogFilters(request.body);
      const sortBy = parseSortBy({ sortBy: query.sortBy, fields: traceSummaryFields, aliases: traceSummaryAliases, defaultSort: '-start_time' });
      const { count, results } = await logs.listTraces({
        filters, sortBy, page: query.page, pageSize: query.pageSize, startTime: query.startTime, endTime: query.endTime,
      });
      return paginatedResponse({ requestUrl: absoluteUrl(request), page: query.page, pageSize: query.pageSize, count, results });
    });
  }

  for (const url of withAndWithoutSlash('/traces/:trace_unique_id')) {
    app.get<{ Params: { trace_unique_id: string } }>(url, async (request) => {
      const traceUniqueId = request.params.trace_unique_id;
      const stored = await logs.listTrace(traceUniqueId);
      // Spans sent a moment ago may still be queued for writing: the trace includes them.
      const storedIds = new Set(stored.map((record) => record.unique_id));
      const queued = (options.logWriter?.pendingInTrace(traceUniqueId) ?? []).filter((record) => !storedIds.has(record.unique_id));
      const records = queued.length === 0 ? stored : [...stored, ...queued].sort((first, second) => first.timestamp.localeCompare(second.timestamp));
      if (records.length === 0) throw new GatewayError({ status: 404, message: 'Not found.', code: 'not_found' });
      return { trace_unique_id: traceUniqueId, span_tree: buildSpanTree(records) };
    });
  }
}

function withAndWithoutSlash(path: string): string[] {
  return [`${path}/`, path];
}
