import type { Redis } from 'ioredis';
import type { LimitWarning } from '../limits/limit-warning.ts';

export interface AlertDeduplicatorOptions {
  /** When given, replicas sharing it send each alert once between them. */
  redis?: Redis;
  keyPrefix?: string;
  warn: (message: string) => void;
  now?: () => number;
  /** How long a Redis claim may take before this replica sends on its own judgement (default 2 s). */
  redisTimeoutMs?: number;
}

/** A claim outlives its window by this much, for crossings settled just after the window ends. */
const claimMarginMs = 60 * 60_000;
const pruneIntervalMs = 60_000;

/**
 * "One alert per limit per window" (contract §6): the first claim on a (subject, metric, window
 * instance, threshold) wins. In memory for one process, and with Redis `SET NX` across
 * replicas; the memory claim comes first, so a replica asks Redis at most once per alert.
 */
export class AlertDeduplicator {
  readonly #redis: Redis | undefined;
  readonly #keyPrefix: string;
  readonly #warn: (message: string) => void;
  readonly #now: () => number;
  readonly #redisTimeoutMs: number;
  /** Claim key → when it may be forgotten. */
  readonly #claimed = new Map<string, number>();
  #nextPruneAt = 0;

  constructor(options: AlertDeduplicatorOptions) {
    this.#redis = options.redis;
    this.#keyPrefix = options.keyPrefix ?? '';
    this.#warn = options.warn;
    this.#now = options.now ?? Date.now;
    this.#redisTimeoutMs = options.redisTimeoutMs ?? 2_000;
  }

  /** Synchronous, so two crossings reported in the same tick cannot both pass. */
  claimLocally(warning: LimitWarning): boolean {
    const now = this.#now();
    this.#prune(now);
    const key = claimKey(warning);
    if (this.#claimed.has(key)) return false;
    this.#claimed.set(key, warning.windowEndsAt === undefined ? Number.POSITIVE_INFINITY : warning.windowEndsAt + claimMarginMs);
    return true;
  }

  /**
   * True when no other replica has sent this alert. If Redis cannot answer, the alert is sent
   * anyway: a rare duplicate beats a warning nobody receives.
   */
  async claimAcrossReplicas(warning: LimitWarning): Promise<boolean> {
    if (!this.#redis) return true;
    const key = `${this.#keyPrefix}alerts:sent:${claimKey(warning)}`;
    const claim = warning.windowEndsAt === undefined
      ? this.#redis.set(key, '1', 'NX')
      : this.#redis.set(key, '1', 'PXAT', warning.windowEndsAt + claimMarginMs, 'NX');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#redisTimeoutMs} ms`)), this.#redisTimeoutMs);
      timer.unref();
    });
    claim.catch(() => {});
    try {
      return (await Promise.race([claim, timeout])) === 'OK';
    } catch (error) {
      this.#warn(`Alert deduplication through Redis failed (${(error as Error).message}); sending the alert from this replica`);
      return true;
    } finally {
      clearTimeout(timer);
    }
  }

  #prune(now: number): void {
    if (now < this.#nextPruneAt) return;
    this.#nextPruneAt = now + pruneIntervalMs;
    for (const [key, forgetAt] of this.#claimed) if (forgetAt <= now) this.#claimed.delete(key);
  }
}

function claimKey(warning: LimitWarning): string {
  return `${warning.subject}:${warning.metric}:${warning.windowId}:${warning.warnAt}`;
}
