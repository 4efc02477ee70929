import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { CacheEntry } from './cache-entry.ts';

/** Which entries a purge removes; both fields given means both must match. */
export interface PurgeFilter {
  /** Entries of one scope (`cacheScope(...)`), e.g. one key's or one customer's. */
  scope?: string;
  /** Entries written by this customer's requests, whatever their scope (GDPR erasure, §14). */
  customerIdentifier?: string;
}

/**
 * The response cache store (design §1: memory for one process, Redis for replicas). Keys come
 * from `responseCacheKey`. `get`, `set` and `delete` are on the request path: a store failure is
 * a miss or a skipped write (counted in `switchboard_cache_errors_total`), never an error the
 * client sees. `purge` is a management operation and does reject, so an erasure never reports
 * success it did not achieve.
 */
export interface ResponseCache {
  readonly store: 'memory' | 'redis';
  get(key: string): Promise<CacheEntry | undefined>;
  /** Stores for `ttlSeconds`; a TTL that is not a positive number stores nothing. */
  set(key: string, entry: CacheEntry, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Removes matching entries (every entry without a filter) and returns how many it removed. */
  purge(filter?: PurgeFilter): Promise<number>;
}

/** The metrics a store reports; `GatewayMetrics` has them. */
export type ResponseCacheMetrics = Pick<GatewayMetrics, 'cacheHits' | 'cacheMisses' | 'cacheErrors' | 'cacheEntries' | 'cacheBytes'>;
