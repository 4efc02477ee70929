import type { FastifyInstance } from 'fastify';
import { computeCost } from '../../catalog/compute-cost.ts';
import type { ModelCatalog } from '../../catalog/model-catalog.ts';
import { parseWith } from '../../errors/validation-error.ts';
import type { LogSink } from '../../gateway/gateway-services.ts';
import { timeOrderedId } from '../../gateway/time-ordered-id.ts';
import { ingestedLogRecord, ingestedLogSchema, ingestedUsage, type IngestedLog } from '../../logging/ingested-log.ts';

export interface IngestRoutesOptions {
  logs: LogSink;
  /** Read per request: the catalog is rebuilt when custom models change. Without it, unpriced logs cost 0. */
  catalog?: () => ModelCatalog;
  /** The genai-prices provider id of a catalog provider, when they differ (default: the same id). */
  pricingProviderId?: (providerId: string) => string | undefined;
}

/**
 * POST /api/request-logs/ (contract §14): an application's own log or span, in Respan's async
 * logging shape, joins the gateway's logs (and, by trace_unique_id and span_parent_id, its traces).
 * Registered in the authenticated scope with any key scope allowed: the key's name is the log's
 * `api_key`. The record goes through the same batched writer as the gateway's own logs.
 */
export function ingestRoutes(options: IngestRoutesOptions) {
  return async function registerIngestRoutes(app: FastifyInstance): Promise<void> {
    for (const url of ['/request-logs/', '/request-logs']) {
      app.post(url, async (request, reply) => {
        const log = parseWith(ingestedLogSchema, request.body);
        const uniqueId = timeOrderedId();
        const record = ingestedLogRecord(log, {
          uniqueId, apiKeyName: request.auth?.keyName ?? null, receivedAt: new Date(), cost: log.cost ?? costOf(log, options),
        });
        options.logs.enqueue(record);
        return reply.code(201).send({ unique_id: uniqueId });
      });
    }
  };
}

/** Cost from the reported usage and the catalog's prices, as for the gateway's own requests. */
function costOf(log: IngestedLog, options: IngestRoutesOptions): number {
  if (options.catalog === undefined || log.model === undefined || log.model === '') return 0;
  const usage = ingestedUsage(log);
  if (usage.prompt_tokens === 0 && usage.completion_tokens === 0) return 0;
  const catalog = options.catalog();
  const providerId = log.provider_id ?? undefined;
  const entry = (providerId === undefined ? undefined : catalog.entriesFor(log.model).find((candidate) => candidate.provider_id === providerId)) ?? catalog.get(log.model);
  const pricingProvider = entry === undefined ? providerId : entry.provider_id;
  const pricingProviderId = pricingProvider === undefined ? undefined : (options.pricingProviderId?.(pricingProvider) ?? pricingProvider);
  return computeCost({ entry, pricingProviderId, model: entry?.model_name ?? log.model, usage });
}
