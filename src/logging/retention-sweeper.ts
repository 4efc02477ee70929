import type { LogRepository } from '../storage/database.ts';

export interface RetentionSweeperOptions {
  logs: Pick<LogRepository, 'deleteOlderThan'>;
  /**
   * The current `log_retention_days` (config, overridden by the settings API); undefined keeps
   * logs forever. Read at every sweep so a settings change applies within a minute.
   */
  retentionDays: () => number | undefined | Promise<number | undefined>;
  warn: (message: string) => void;
  /** Default 60 s: the contract promises deletion within a minute. */
  intervalMs?: number;
  /** Rows per DELETE (default 5,000): short statements keep locks and SQLite's event-loop pauses brief. */
  batchSize?: number;
  now?: () => number;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Deletes logs older than the retention period in the background (contract §14). Each sweep
 * deletes in batches until none is left. Replicas sharing Postgres may sweep at the same time:
 * deleting an already-deleted row is a no-op, so no coordination is needed.
 */
export class RetentionSweeper {
  readonly #options: RetentionSweeperOptions;
  readonly #intervalMs: number;
  readonly #batchSize: number;
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<number> | undefined;
  #running = false;
  #stopRequested = false;

  constructor(options: RetentionSweeperOptions) {
    this.#options = options;
    this.#intervalMs = options.intervalMs ?? 60_000;
    this.#batchSize = options.batchSize ?? 5_000;
  }

  /** Sweeps now, then every interval. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stopRequested = false;
    this.#scheduleNext(0);
  }

  /** Stops the timer and waits for a sweep in progress to finish its current batch. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopRequested = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#sweeping?.catch(() => {});
  }

  /** One sweep: deletes every log older than the retention period; returns how many. */
  sweepOnce(): Promise<number> {
    this.#sweeping ??= this.#sweep().finally(() => {
      this.#sweeping = undefined;
    });
    return this.#sweeping;
  }

  async #sweep(): Promise<number> {
    const days = await this.#options.retentionDays();
    if (days === undefined || !Number.isFinite(days) || days <= 0) return 0;
    const before = new Date((this.#options.now?.() ?? Date.now()) - days * dayMs).toISOString();
    let deleted = 0;
    for (;;) {
      const count = await this.#options.logs.deleteOlderThan(before, this.#batchSize);
      deleted += count;
      // A stop() mid-sweep ends it after this batch; the next start() finishes the job.
      if (count < this.#batchSize || this.#stopRequested) return deleted;
      // Let requests run between batches (SQLite deletes block the event loop while they run).
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  #scheduleNext(delayMs: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.sweepOnce()
        .catch((error: unknown) => this.#options.warn(`log retention sweep failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.#scheduleNext(this.#intervalMs));
    }, delayMs).unref();
  }
}
