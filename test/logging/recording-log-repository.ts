import type { LogRecord } from '../../src/logging/log-record.ts';
import type { GatewayMetrics } from '../../src/metrics/gateway-metrics.ts';

/**
 * An in-memory stand-in for LogRepository.insertMany that records batches, can fail on demand,
 * can hold writes behind a gate, and lets a test await the next write without sleeping.
 */
export class RecordingLogRepository {
  readonly batches: LogRecord[][] = [];
  readonly stored = new Map<string, LogRecord>();
  /** Errors thrown by the next calls, in order. */
  readonly failures: unknown[] = [];
  /** Rows the "database" refuses whatever happens (a permanent, data error). */
  readonly refusedIds = new Set<string>();
  inFlight = 0;
  maxInFlight = 0;
  calls = 0;
  #gate: Promise<void> | undefined;
  #openGate: (() => void) | undefined;
  #waiters: Array<() => void> = [];

  async insertMany(records: readonly LogRecord[]): Promise<void> {
    this.calls += 1;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.#gate !== undefined) await this.#gate;
      if (this.failures.length > 0) throw this.failures.shift();
      if (records.some((record) => this.refusedIds.has(record.unique_id))) {
        throw Object.assign(new Error('invalid input syntax'), { code: '22P02' });
      }
      this.batches.push([...records]);
      for (const record of records) this.stored.set(record.unique_id, record);
    } finally {
      this.inFlight -= 1;
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Resolves when the next insertMany call has finished (successfully or not). */
  nextCall(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  closeGate(): void {
    this.#gate = new Promise((resolve) => {
      this.#openGate = resolve;
    });
  }

  openGate(): void {
    this.#openGate?.();
    this.#gate = undefined;
  }
}

export async function metricValue(metric: GatewayMetrics['logRowsWritten'] | GatewayMetrics['logQueueDepth']): Promise<number> {
  return (await metric.get()).values[0]?.value ?? 0;
}
