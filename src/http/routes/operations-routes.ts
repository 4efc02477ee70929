import type { FastifyInstance } from 'fastify';
import type { GatewayMetrics } from '../../metrics/gateway-metrics.ts';

export interface HealthSource {
  /** Throws when a dependency the gateway needs to serve is unreachable. */
  check(): Promise<Record<string, unknown>>;
}

/**
 * GET /health: ready, 200 when the gateway can serve (its database answers), 503 otherwise, with
 * detail; GET /health/live: the process is up (for liveness probes, which must not restart a
 * replica because its database is away); GET /metrics.
 */
export async function registerOperationsRoutes(app: FastifyInstance, options: { metrics: GatewayMetrics; health: HealthSource }): Promise<void> {
  app.get('/health/live', async () => ({ status: 'live' }));
  app.get('/health', async (_request, reply) => {
    try {
      const detail = await options.health.check();
      return reply.send({ status: 'ok', ...detail });
    } catch (error) {
      return reply.code(503).send({ status: 'unavailable', detail: error instanceof Error ? error.message : String(error) });
    }
  });
  app.get('/metrics', async (_request, reply) => {
    const text = await options.metrics.registry.metrics();
    return reply.type(options.metrics.registry.contentType).send(text);
  });
}
