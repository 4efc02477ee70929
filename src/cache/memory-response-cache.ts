import type { CacheEntry } from './cache-entry.ts';
import { scopeHash, scopeHashOfKey } from './cache-key.ts';
import type { PurgeFilter, ResponseCache, ResponseCacheMetrics } from './response-cache.ts';

export interface MemoryResponseCacheOptions {
  maxEntries: number;
  /** Bound on the estimated size: serialized length of keys and entries plus a fixed overhead each. */
  maxBytes: number;
  /** Epoch milliseconds; injected so tests expire entries without waiting. */
  now?: () => number;
  metrics?: ResponseCacheMetrics;
}

interface StoredEntry {
  /**
   * The entry serialized: a hit hands out a fresh copy, so a caller that edits what it got (adds
   * a header field, strips usage) cannot change the cache, and the size is known exactly.
   */
  text: string;
  expiresAt: number;
  bytes: number;
  customerIdentifier: string | undefined;
}

/** Map slot, the record above and the key's hash-table entry, roughly, per entry. */
const ENTRY_OVERHEAD_BYTES = 128;

/**
 * The single-process store: LRU bounded by entry count and by bytes, with per-entry TTL. A Map
 * iterates in insertion order, so re-inserting on every hit keeps the least recently used entry
 * first: get and set are O(1), eviction takes from the front. Expired entries are dropped when
 * read or when eviction reaches them.
 */
export class MemoryResponseCache implements ResponseCache {
  readonly store = 'memory';
  readonly #entries = new Map<string, StoredEntry>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #now: () => number;
  readonly #metrics: ResponseCacheMetrics | undefined;
  readonly #hits: { inc(): void } | undefined;
  readonly #misses: { inc(): void } | undefined;
  readonly #setErrors: { inc(): void } | undefined;
  #bytes = 0;

  constructor(options: MemoryResponseCacheOptions) {
    this.#maxEntries = options.maxEntries;
    this.#maxBytes = options.maxBytes;
    this.#now = options.now ?? Date.now;
    this.#metrics = options.metrics;
    // Bound once: looking a label set up on every request costs more than the lookup itself.
    this.#hits = options.metrics?.cacheHits.labels({ store: 'memory' });
    this.#misses = options.metrics?.cacheMisses.labels({ store: 'memory' });
    this.#setErrors = options.metrics?.cacheErrors.labels({ store: 'memory', command: 'set' });
  }

  /** Live entries and their estimated bytes (expired ones not yet dropped included). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const stored = this.#entries.get(key);
    if (stored === undefined || stored.expiresAt <= this.#now()) {
      if (stored !== undefined) {
        this.#remove(key, stored);
        this.#report();
      }
      this.#misses?.inc();
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, stored);
    this.#hits?.inc();
    return JSON.parse(stored.text) as CacheEntry;
  }

  async set(key: string, entry: CacheEntry, ttlSeconds: number): Promise<void> {
    if (!(ttlSeconds > 0)) return;
    let text: string;
    try {
      text = JSON.stringify(entry);
    } catch {
      this.#setErrors?.inc();
      return;
    }
    const bytes = key.length + text.length + ENTRY_OVERHEAD_BYTES;
    const previous = this.#entries.get(key);
    if (previous !== undefined) this.#remove(key, previous);
    // An entry larger than the whole budget would only evict everything and then itself.
    if (bytes > this.#maxBytes || this.#maxEntries < 1) return;
    this.#entries.set(key, { text, bytes, expiresAt: this.#now() + ttlSeconds * 1000, customerIdentifier: entry.customerIdentifier });
    this.#bytes += bytes;
    this.#evict();
    this.#report();
  }

  async delete(key: string): Promise<void> {
    const stored = this.#entries.get(key);
    if (stored !== undefined) this.#remove(key, stored);
    this.#report();
  }

  async purge(filter: PurgeFilter = {}): Promise<number> {
    const wantedScope = filter.scope === undefined ? undefined : scopeHash(filter.scope);
    const now = this.#now();
    let removed = 0;
    for (const [key, stored] of this.#entries) {
      if (wantedScope !== undefined && scopeHashOfKey(key) !== wantedScope) continue;
      if (filter.customerIdentifier !== undefined && stored.customerIdentifier !== filter.customerIdentifier) continue;
      if (stored.expiresAt > now) removed++;
      this.#remove(key, stored);
    }
    this.#report();
    return removed;
  }

  #evict(): void {
    for (const [key, stored] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) return;
      this.#remove(key, stored);
    }
  }

  #remove(key: string, stored: StoredEntry): void {
    this.#entries.delete(key);
    this.#bytes -= stored.bytes;
  }

  #report(): void {
    this.#metrics?.cacheEntries.set(this.#entries.size);
    this.#metrics?.cacheBytes.set(this.#bytes);
  }
}
