import type { Redis } from 'ioredis';
import { MemoryResponseCache } from './memory-response-cache.ts';
import { RedisResponseCache } from './redis-response-cache.ts';
import type { ResponseCache, ResponseCacheMetrics } from './response-cache.ts';

export interface CreateResponseCacheOptions {
  /** Set when `REDIS_URL` is: replicas then share one cache. */
  redis?: Redis;
  /** `REDIS_KEY_PREFIX`; unused by the memory store. */
  keyPrefix: string;
  /** Bounds of the memory store. */
  maxEntries?: number;
  maxBytes?: number;
  /** Epoch milliseconds, for the memory store's TTL (tests inject one). */
  now?: () => number;
  /** Redis only: how long a request waits for Redis before it counts as a miss. */
  commandTimeoutMs?: number;
  metrics?: ResponseCacheMetrics;
}

export const DEFAULT_CACHE_MAX_ENTRIES = 10_000;
export const DEFAULT_CACHE_MAX_BYTES = 64 * 1024 * 1024;

/** Picked once at start-up (design §1): Redis when a client is given, memory otherwise. */
export function createResponseCache(options: CreateResponseCacheOptions): ResponseCache {
  if (options.redis !== undefined) {
    return new RedisResponseCache({
      redis: options.redis, keyPrefix: options.keyPrefix, commandTimeoutMs: options.commandTimeoutMs, metrics: options.metrics,
    });
  }
  return new MemoryResponseCache({
    maxEntries: options.maxEntries ?? DEFAULT_CACHE_MAX_ENTRIES,
    maxBytes: options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES,
    now: options.now,
    metrics: options.metrics,
  });
}
