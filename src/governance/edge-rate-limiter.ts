import { createHash } from 'node:crypto';

export interface EdgeRateLimitOptions {
  /** Sustained requests per second per key; 0 turns the limiter off. */
  requestsPerSecond: number;
  /** Requests a key may send at once after being idle. */
  burst: number;
  /** Keys tracked at most; the least recently seen are forgotten first (bounded memory). */
  maxTrackedKeys?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A per-key token bucket checked when a request arrives, before its body is read (issue 13:
 * rate limits at the edge). It guards the process against a flood from one key; the configured
 * spend and request limits (contract §6) are separate and shared between replicas. O(1) per
 * request: one hash, one Map lookup. Buckets are keyed by a hash of the presented key, so the
 * map never holds a key itself.
 */
export class EdgeRateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #ratePerMs: number;
  readonly #burst: number;
  readonly #maxTrackedKeys: number;
  readonly #now: () => number;

  constructor(options: EdgeRateLimitOptions) {
    this.#ratePerMs = options.requestsPerSecond / 1000;
    this.#burst = Math.max(1, options.burst);
    this.#maxTrackedKeys = options.maxTrackedKeys ?? 100_000;
    this.#now = options.now ?? (() => performance.now());
  }

  get enabled(): boolean {
    return this.#ratePerMs > 0;
  }

  /** Takes one token; returns the seconds to wait when none is left, else 0. */
  take(presentedKey: string): number {
    if (!this.enabled) return 0;
    const id = createHash('sha256').update(presentedKey).digest('base64');
    const now = this.#now();
    let bucket = this.#buckets.get(id);
    if (bucket === undefined) {
      if (this.#buckets.size >= this.#maxTrackedKeys) this.#buckets.delete(this.#buckets.keys().next().value as string);
      bucket = { tokens: this.#burst, updatedAt: now };
    } else {
      // Re-inserting keeps the Map in least-recently-seen order for eviction.
      this.#buckets.delete(id);
      bucket.tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.updatedAt) * this.#ratePerMs);
      bucket.updatedAt = now;
    }
    this.#buckets.set(id, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.#ratePerMs / 1000);
  }
}

/** The key a request presents, in any of the headers the contract accepts (§3). */
export function presentedKey(headers: Record<string, string | string[] | undefined>, url: string): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 7) return authorization.slice(7).trim();
  const apiKey = headers['x-api-key'] ?? headers['x-goog-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey;
  const query = url.indexOf('?');
  if (query !== -1 && url.includes('key=', query)) return new URLSearchParams(url.slice(query + 1)).get('key') ?? undefined;
  return undefined;
}
