import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics served at `GET /metrics`. One registry per gateway instance (tests build
 * several in one process); label sets stay small and never carry a key or a customer id.
 */
export class GatewayMetrics {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'switchboard_requests_total',
    help: 'Requests served, by endpoint and response status',
    labelNames: ['endpoint', 'status'] as const,
    registers: [this.registry],
  });

  readonly requestDuration = new Histogram({
    name: 'switchboard_request_duration_seconds',
    help: 'Time from arrival to the last byte sent, by endpoint',
    labelNames: ['endpoint'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });

  readonly timeToFirstToken = new Histogram({
    name: 'switchboard_time_to_first_token_seconds',
    help: 'Time from arrival to the first streamed content, by provider',
    labelNames: ['provider'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly upstreamErrors = new Counter({
    name: 'switchboard_upstream_errors_total',
    help: 'Failed upstream attempts, by provider and failure kind',
    labelNames: ['provider', 'kind'] as const,
    registers: [this.registry],
  });

  readonly logQueueDepth = new Gauge({
    name: 'switchboard_log_queue_depth',
    help: 'Log records waiting to be written',
    registers: [this.registry],
  });

  readonly logRowsWritten = new Counter({
    name: 'switchboard_log_rows_written_total',
    help: 'Log records written to the database',
    registers: [this.registry],
  });

  readonly logRowsDropped = new Counter({
    name: 'switchboard_log_rows_dropped_total',
    help: 'Log records dropped because the queue was full',
    registers: [this.registry],
  });

  readonly logWriteFailures = new Counter({
    name: 'switchboard_log_write_failures_total',
    help: 'Failed batch writes (the rows are kept and retried)',
    registers: [this.registry],
  });

  constructor(options: { collectProcessMetrics?: boolean } = {}) {
    if (options.collectProcessMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'switchboard_' });
  }
}
