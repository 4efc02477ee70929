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

  readonly cacheHits = new Counter({
    name: 'switchboard_cache_hits_total',
    help: 'Response cache lookups answered from the cache, by store (memory or redis)',
    labelNames: ['store'] as const,
    registers: [this.registry],
  });

  readonly cacheMisses = new Counter({
    name: 'switchboard_cache_misses_total',
    help: 'Response cache lookups that found no live entry (store failures included), by store',
    labelNames: ['store'] as const,
    registers: [this.registry],
  });

  readonly cacheErrors = new Counter({
    name: 'switchboard_cache_errors_total',
    help: 'Response cache store failures and timeouts, served as misses or skipped writes, by store and command',
    labelNames: ['store', 'command'] as const,
    registers: [this.registry],
  });

  readonly cacheEntries = new Gauge({
    name: 'switchboard_cache_entries',
    help: 'Entries held by the in-memory response cache (Redis entries live in Redis)',
    registers: [this.registry],
  });

  readonly cacheBytes = new Gauge({
    name: 'switchboard_cache_bytes',
    help: 'Estimated size of the in-memory response cache (serialized length of keys and entries)',
    registers: [this.registry],
  });

  readonly limitRefusals = new Counter({
    name: 'switchboard_limit_refusals_total',
    help: 'Requests refused with 429 by a block_at limit, by metric and window',
    labelNames: ['metric', 'window'] as const,
    registers: [this.registry],
  });

  readonly limitStoreUnavailable = new Counter({
    name: 'switchboard_limit_store_unavailable_total',
    help: 'Limit counter operations that could not reach the store (Redis), by operation and the policy applied',
    labelNames: ['operation', 'policy'] as const,
    registers: [this.registry],
  });

  readonly limitStoreUp = new Gauge({
    name: 'switchboard_limit_store_up',
    help: '1 while the limit counter store answers, 0 after its last operation failed',
    registers: [this.registry],
  });

  readonly alertsSent = new Counter({
    name: 'switchboard_alerts_sent_total',
    help: 'Limit alerts delivered, by destination',
    labelNames: ['destination'] as const,
    registers: [this.registry],
  });

  readonly alertsFailed = new Counter({
    name: 'switchboard_alerts_failed_total',
    help: 'Limit alerts given up on after every retry, by destination',
    labelNames: ['destination'] as const,
    registers: [this.registry],
  });

  /**
   * Per-endpoint recorders with their label children bound once: prom-client's label lookup is a
   * hash and a map access per call, measurable on the hot path.
   */
  forEndpoint(endpoint: string): { served(status: number, receivedAt: number): void } {
    const duration = this.requestDuration.labels({ endpoint });
    const counters = new Map<number, ReturnType<GatewayMetrics['requests']['labels']>>();
    return {
      served: (status, receivedAt) => {
        let counter = counters.get(status);
        if (counter === undefined) {
          counter = this.requests.labels({ endpoint, status: String(status) });
          counters.set(status, counter);
        }
        counter.inc();
        duration.observe((performance.now() - receivedAt) / 1000);
      },
    };
  }

  /** Reports the upstream connection pools at scrape time (no per-request cost). */
  watchUpstreamPools(read: () => Array<{ origin: string; connected: number; free: number; pending: number; running: number }>): void {
    new Gauge({
      name: 'switchboard_upstream_pool_connections',
      help: 'Upstream connections per origin and state (connected, free, running requests, pending requests)',
      labelNames: ['origin', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const pool of read()) {
          for (const state of ['connected', 'free', 'running', 'pending'] as const) this.set({ origin: pool.origin, state }, pool[state]);
        }
      },
    });
  }

  constructor(options: { collectProcessMetrics?: boolean } = {}) {
    if (options.collectProcessMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'switchboard_' });
  }
}
