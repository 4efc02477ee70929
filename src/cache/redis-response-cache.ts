import type { Redis } from 'ioredis';
import type { CacheEntry } from './cache-entry.ts';
import { scopeHash } from './cache-key.ts';
import type { PurgeFilter, ResponseCache, ResponseCacheMetrics } from './response-cache.ts';

export interface RedisResponseCacheOptions {
  /**
   * A shared client. Best created with `enableOfflineQueue: false` and a small
   * `maxRetriesPerRequest`, so commands fail at once while Redis is away instead of queueing;
   * this store also skips Redis entirely while the client is not `ready`.
   */
  redis: Redis;
  /** `REDIS_KEY_PREFIX` (contract §11). */
  keyPrefix: string;
  /**
   * How long a request waits for Redis before treating the lookup as a miss (or the write as
   * skipped). A slow Redis must cost a request at most this, not its latency.
   */
  commandTimeoutMs?: number;
  metrics?: ResponseCacheMetrics;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 250;
/** Keys per SCAN step and per UNLINK: large enough to be quick, small enough not to block Redis. */
const PURGE_BATCH = 500;

type Command = 'get' | 'set' | 'delete';

/**
 * The store shared by replicas (contract §11). Layout, all under `REDIS_KEY_PREFIX`:
 * - `cache:{scopeHash}:{requestHash}`: the entry as JSON, `SET ... EX ttl`, so Redis expires it;
 * - `cache-customer:{customerHash}`: a set of the entry keys a customer's requests wrote, in any
 *   scope, so erasing a customer finds entries a key-wide scope holds too. It lives as long as
 *   its longest-lived entry (`EXPIRE NX` then `EXPIRE GT`, Redis ≥ 7.0).
 */
export class RedisResponseCache implements ResponseCache {
  readonly store = 'redis';
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #hits: { inc(): void } | undefined;
  readonly #misses: { inc(): void } | undefined;
  readonly #errors: Record<Command, { inc(): void }> | undefined;

  constructor(options: RedisResponseCacheOptions) {
    this.#redis = options.redis;
    this.#prefix = options.keyPrefix;
    this.#timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    const metrics = options.metrics;
    this.#hits = metrics?.cacheHits.labels({ store: 'redis' });
    this.#misses = metrics?.cacheMisses.labels({ store: 'redis' });
    this.#errors = metrics === undefined ? undefined : {
      get: metrics.cacheErrors.labels({ store: 'redis', command: 'get' }),
      set: metrics.cacheErrors.labels({ store: 'redis', command: 'set' }),
      delete: metrics.cacheErrors.labels({ store: 'redis', command: 'delete' }),
    };
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const text = await this.#run('get', () => this.#redis.get(this.#entryKey(key)));
    if (typeof text !== 'string') {
      this.#misses?.inc();
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as CacheEntry;
      this.#hits?.inc();
      return entry;
    } catch {
      // Written by something else under our prefix: not an answer we can give.
      this.#errors?.get.inc();
      this.#misses?.inc();
      return undefined;
    }
  }

  async set(key: string, entry: CacheEntry, ttlSeconds: number): Promise<void> {
    // EX takes whole seconds; rounding up never expires an entry before its time.
    const seconds = Math.ceil(ttlSeconds);
    if (!(seconds > 0)) return;
    let text: string;
    try {
      text = JSON.stringify(entry);
    } catch {
      this.#errors?.set.inc();
      return;
    }
    const entryKey = this.#entryKey(key);
    if (entry.customerIdentifier === undefined) {
      await this.#run('set', () => this.#redis.set(entryKey, text, 'EX', seconds));
      return;
    }
    const indexKey = this.#customerIndexKey(entry.customerIdentifier);
    await this.#run('set', async () => {
      const results = await this.#redis.multi()
        .set(entryKey, text, 'EX', seconds)
        .sadd(indexKey, entryKey)
        .expire(indexKey, seconds, 'NX')
        .expire(indexKey, seconds, 'GT')
        .exec();
      const failure = results?.find(([error]) => error !== null)?.[0];
      if (failure) throw failure;
      return results;
    });
  }

  async delete(key: string): Promise<void> {
    await this.#run('delete', () => this.#redis.unlink(this.#entryKey(key)));
  }

  /** Management operation: no timeout (a SCAN over a large cache takes a while) and errors reject. */
  async purge(filter: PurgeFilter = {}): Promise<number> {
    const scopePrefix = filter.scope === undefined ? undefined : `${this.#prefix}cache:${scopeHash(filter.scope)}:`;
    if (filter.customerIdentifier !== undefined) {
      const indexKey = this.#customerIndexKey(filter.customerIdentifier);
      const members = await this.#redis.smembers(indexKey);
      const chosen = scopePrefix === undefined ? members : members.filter((member) => member.startsWith(scopePrefix));
      const removed = await this.#unlinkAll(chosen);
      if (scopePrefix === undefined) await this.#redis.unlink(indexKey);
      else if (chosen.length > 0) await this.#redis.srem(indexKey, ...chosen);
      return removed;
    }
    const removed = await this.#scanAndUnlink(`${escapeGlob(scopePrefix ?? `${this.#prefix}cache:`)}*`);
    // Without a scope every entry is gone, so the customer indexes are too; with one, an index's
    // stale members are harmless (unlinking a missing key counts 0) and expire with it.
    if (scopePrefix === undefined) await this.#scanAndUnlink(`${escapeGlob(`${this.#prefix}cache-customer:`)}*`);
    return removed;
  }

  #entryKey(key: string): string {
    return `${this.#prefix}cache:${key}`;
  }

  #customerIndexKey(customerIdentifier: string): string {
    return `${this.#prefix}cache-customer:${scopeHash(customerIdentifier)}`;
  }

  /**
   * One request-path command: skipped while the client is not connected (no queueing behind an
   * outage), bounded by the timeout, and never rejecting. A command that times out may still
   * complete later; its result is ignored, and the race keeps its rejection handled.
   */
  async #run<Result>(command: Command, operation: () => Promise<Result>): Promise<Result | undefined> {
    if (this.#redis.status !== 'ready') {
      this.#errors?.[command].inc();
      return undefined;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        operation(),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`Redis ${command} timed out`)), this.#timeoutMs);
        }),
      ]);
    } catch {
      this.#errors?.[command].inc();
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  async #scanAndUnlink(pattern: string): Promise<number> {
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await this.#redis.scan(cursor, 'MATCH', pattern, 'COUNT', PURGE_BATCH);
      cursor = next;
      removed += await this.#unlinkAll(keys);
    } while (cursor !== '0');
    return removed;
  }

  async #unlinkAll(keys: readonly string[]): Promise<number> {
    let removed = 0;
    for (let start = 0; start < keys.length; start += PURGE_BATCH) {
      removed += await this.#redis.unlink(...keys.slice(start, start + PURGE_BATCH));
    }
    return removed;
  }
}

/** `REDIS_KEY_PREFIX` is the operator's and may hold glob characters; SCAN MATCH must take them literally. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
