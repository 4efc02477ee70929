import type { LogSink } from '../gateway/gateway-services.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { LogRepository } from '../storage/database.ts';
import { isPermanentWriteError } from '../storage/is-permanent-write-error.ts';
import type { LogRecord } from './log-record.ts';

export interface LogWriterOptions {
  repository: Pick<LogRepository, 'insertMany'>;
  metrics: Pick<GatewayMetrics, 'logQueueDepth' | 'logRowsWritten' | 'logRowsDropped' | 'logWriteFailures'>;
  /** One line per event worth an operator's attention (first drop, first failure, recovery). */
  warn: (message: string) => void;
  /** A batch is written as soon as this many rows wait (default 1,000). */
  batchSize?: number;
  /**
   * Rows per transaction when more are waiting (default 5 × batchSize): under a backlog, larger
   * transactions cost less per row, above all for the indexes on random ids.
   */
  maxBatchSize?: number;
  /** Longest a row waits for a batch to fill (default 100 ms). */
  flushIntervalMs?: number;
  /** Rows held in memory at most; beyond, new rows are dropped and counted (default 100,000). */
  maxQueue?: number;
  /** Backoff after a failed write: doubles from `retryBaseMs` up to `retryMaxMs` (defaults 100 ms, 5 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Whether an error means the rows themselves are unwritable (default: isPermanentWriteError). */
  isPermanentError?: (error: unknown) => boolean;
}

export interface LogWriterHealth {
  queued: number;
  failedBatches: number;
  dropped: number;
  lastError?: string;
  lastErrorAt?: string;
}

type BatchOutcome = 'written' | 'split' | 'dropped' | 'retry' | 'idle';

/**
 * Writes log records off the request path. `enqueue` only appends to memory; batches are written
 * by size or after `flushIntervalMs`, one at a time, each in one transaction. A failed batch stays
 * at the head of the queue and is retried with backoff, so an outage delays logs but loses none
 * until the queue bound is reached. A batch the database refuses for its data is halved until
 * the one bad row is found and dropped, so one row can never block the rest.
 */
export class LogWriter implements LogSink {
  readonly #repository: LogWriterOptions['repository'];
  readonly #metrics: LogWriterOptions['metrics'];
  readonly #warn: (message: string) => void;
  readonly #batchSize: number;
  readonly #maxBatchSize: number;
  readonly #flushIntervalMs: number;
  readonly #maxQueue: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #isPermanentError: (error: unknown) => boolean;

  /** Rows from `#head` on are waiting; the ones before are written and released on compaction. */
  #queue: LogRecord[] = [];
  #head = 0;
  readonly #pendingById = new Map<string, LogRecord>();
  #inFlight: Promise<BatchOutcome> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #timerIsImmediate = false;
  /** Shrinks while isolating a row the database refuses; grows back after successes. */
  #batchLimit: number;
  #consecutiveFailures = 0;
  #failedBatches = 0;
  #dropped = 0;
  #warnedQueueFull = false;
  #closed = false;
  #lastError: string | undefined;
  #lastErrorAt: string | undefined;

  constructor(options: LogWriterOptions) {
    this.#repository = options.repository;
    this.#metrics = options.metrics;
    this.#warn = options.warn;
    this.#batchSize = Math.max(1, options.batchSize ?? 1000);
    this.#maxBatchSize = Math.max(this.#batchSize, options.maxBatchSize ?? this.#batchSize * 5);
    this.#flushIntervalMs = Math.max(0, options.flushIntervalMs ?? 100);
    this.#maxQueue = Math.max(1, options.maxQueue ?? 100_000);
    this.#retryBaseMs = options.retryBaseMs ?? 100;
    this.#retryMaxMs = options.retryMaxMs ?? 5_000;
    this.#isPermanentError = options.isPermanentError ?? isPermanentWriteError;
    this.#batchLimit = this.#maxBatchSize;
  }

  get queued(): number {
    return this.#queue.length - this.#head;
  }

  /** O(1), no I/O, never throws: called on the request path after the response is sent. */
  enqueue(record: LogRecord): void {
    if (this.#closed || this.queued >= this.#maxQueue) {
      this.#dropOnEnqueue(record);
      return;
    }
    this.#queue.push(record);
    this.#pendingById.set(record.unique_id, record);
    // While a batch is in flight or backing off, its completion schedules the next one.
    if (this.#inFlight !== undefined || this.#consecutiveFailures > 0) return;
    if (this.queued >= Math.min(this.#batchSize, this.#batchLimit)) this.#schedule(0);
    else if (this.#timer === undefined) this.#schedule(this.#flushIntervalMs);
  }

  /** A record still waiting to be written (so a log fetched right after its response is found). */
  pending(uniqueId: string): LogRecord | undefined {
    return this.#pendingById.get(uniqueId);
  }

  /** Records still waiting to be written that belong to one trace (read-through for the traces API). */
  pendingInTrace(traceUniqueId: string): LogRecord[] {
    const found: LogRecord[] = [];
    for (const record of this.#pendingById.values()) if (record.trace_unique_id === traceUniqueId) found.push(record);
    return found;
  }

  health(): LogWriterHealth {
    return {
      queued: this.queued,
      failedBatches: this.#failedBatches,
      dropped: this.#dropped,
      ...(this.#lastError !== undefined && { lastError: this.#lastError }),
      ...(this.#lastErrorAt !== undefined && { lastErrorAt: this.#lastErrorAt }),
    };
  }

  /**
   * Writes everything queued, retrying failed batches with backoff. Resolves when the queue is
   * empty, or when `timeoutMs` has passed (what is left stays queued and is reported by health()).
   */
  async flush(options: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
    while (this.queued > 0 || this.#inFlight !== undefined) {
      this.#clearTimer();
      const outcome = await this.#startBatch();
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      if (outcome === 'retry') await sleep(Math.min(this.#backoffMs(), remaining));
    }
    if (this.queued > 0 && this.#timer === undefined && this.#inFlight === undefined) this.#schedule(this.#backoffMs());
  }

  /** Flushes, then refuses new rows (they are dropped and counted). */
  async close(options: { timeoutMs?: number } = {}): Promise<void> {
    await this.flush(options);
    this.#closed = true;
    this.#clearTimer();
  }

  #schedule(delayMs: number): void {
    if (this.#timer !== undefined) {
      if (delayMs > 0 || this.#timerIsImmediate) return;
      clearTimeout(this.#timer);
    }
    this.#timerIsImmediate = delayMs === 0;
    // unref: a timer alone never keeps the process up; shutdown calls flush() explicitly.
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#startBatch();
    }, delayMs).unref();
  }

  #clearTimer(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Starts the next batch unless one is in flight (then returns that one): never two at once. */
  #startBatch(): Promise<BatchOutcome> {
    if (this.#inFlight !== undefined) return this.#inFlight;
    if (this.queued === 0) return Promise.resolve('idle');
    const size = Math.min(this.#batchLimit, this.queued);
    const batch = this.#queue.slice(this.#head, this.#head + size);
    const inFlight = this.#write(batch).then((outcome) => {
      this.#inFlight = undefined;
      this.#metrics.logQueueDepth.set(this.queued);
      this.#scheduleAfter(outcome);
      return outcome;
    });
    this.#inFlight = inFlight;
    return inFlight;
  }

  async #write(batch: LogRecord[]): Promise<BatchOutcome> {
    try {
      await this.#repository.insertMany(batch);
    } catch (error) {
      return this.#failed(batch, error);
    }
    this.#release(batch.length);
    this.#metrics.logRowsWritten.inc(batch.length);
    if (this.#consecutiveFailures > 0) this.#warn(`log writes recovered after ${this.#consecutiveFailures} failed attempts`);
    this.#consecutiveFailures = 0;
    this.#batchLimit = Math.min(this.#maxBatchSize, this.#batchLimit * 2);
    if (this.queued < this.#maxQueue) this.#warnedQueueFull = false;
    return 'written';
  }

  #failed(batch: LogRecord[], error: unknown): BatchOutcome {
    const message = error instanceof Error ? error.message : String(error);
    this.#failedBatches += 1;
    this.#metrics.logWriteFailures.inc();
    this.#lastError = message;
    this.#lastErrorAt = new Date().toISOString();
    if (this.#isPermanentError(error)) {
      if (batch.length > 1) {
        this.#batchLimit = Math.ceil(batch.length / 2);
        return 'split';
      }
      this.#release(1);
      this.#countDropped(1);
      this.#warn(`log ${batch[0].unique_id} dropped: the database refuses it (${message})`);
      return 'dropped';
    }
    this.#consecutiveFailures += 1;
    if (this.#consecutiveFailures === 1) this.#warn(`log write failed, ${this.queued} rows kept for retry: ${message}`);
    return 'retry';
  }

  /** The first `count` queued rows are done (written or dropped). */
  #release(count: number): void {
    for (let index = this.#head; index < this.#head + count; index++) {
      const record = this.#queue[index];
      // A later record with the same id keeps its entry.
      if (this.#pendingById.get(record.unique_id) === record) this.#pendingById.delete(record.unique_id);
    }
    this.#head += count;
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }

  #scheduleAfter(outcome: BatchOutcome): void {
    if (this.queued === 0 || this.#closed) return;
    if (outcome === 'retry') this.#schedule(this.#backoffMs());
    else if (outcome === 'split' || outcome === 'dropped' || this.queued >= Math.min(this.#batchSize, this.#batchLimit)) this.#schedule(0);
    else this.#schedule(this.#flushIntervalMs);
  }

  #backoffMs(): number {
    if (this.#consecutiveFailures === 0) return this.#flushIntervalMs;
    return Math.min(this.#retryMaxMs, this.#retryBaseMs * 2 ** Math.min(this.#consecutiveFailures - 1, 20));
  }

  #dropOnEnqueue(record: LogRecord): void {
    this.#countDropped(1);
    if (this.#warnedQueueFull) return;
    this.#warnedQueueFull = true;
    const reason = this.#closed ? 'the log writer is closed' : `the log queue is full (${this.#maxQueue} rows)`;
    this.#warn(`log ${record.unique_id} dropped: ${reason}; further drops are counted in switchboard_log_rows_dropped_total`);
  }

  #countDropped(count: number): void {
    this.#dropped += count;
    this.#metrics.logRowsDropped.inc(count);
  }
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
