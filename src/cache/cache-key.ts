import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export type CacheOperation = 'chat' | 'responses' | 'embeddings';

export interface ResponseCacheKeyOptions {
  operation: CacheOperation;
  /** The request body with the gateway parameters already removed (`splitGatewayParams`). */
  request: Record<string, unknown>;
  /** Who may read the entry: build it with `cacheScope`. */
  scope: string;
  /**
   * `cache_options.is_cached_by_model`. Respan's default is false ("without it, the same prompt
   * returns the cached response from any model"), so the caller passes
   * `params.cache_options?.is_cached_by_model === true`. Embeddings ignore it: vectors from two
   * models are not interchangeable (different spaces, often different dimensions).
   */
  includeModel: boolean;
}

/**
 * Request fields that do not change the answer, left out of the key: the delivery mode (a
 * streamed and a plain request share an entry), end-user and storage tags, and routing hints.
 * `prompt_cache_key` and `service_tier` steer the provider's own caching and queueing only.
 */
const IGNORED_FIELDS: ReadonlySet<string> = new Set([
  'stream', 'stream_options', 'user', 'safety_identifier', 'metadata', 'store', 'service_tier', 'prompt_cache_key',
]);

/**
 * Bumped when the entry format or the key's inputs change, so old entries are simply never read
 * again (they expire by their TTL) instead of being misread.
 */
const KEY_VERSION = 'v1';

/**
 * The cache key of a request: `{scopeHash}:{requestHash}`. The scope segment comes first so a
 * store can find every entry of one scope (per-customer erasure, a key's purge) by prefix, and
 * the Redis store keys entries as `{prefix}cache:{scopeHash}:{requestHash}`.
 *
 * `requestHash` is SHA-256 over the operation and a canonical JSON (keys sorted at every depth)
 * of the request minus `IGNORED_FIELDS`: model (unless excluded), messages or input, tools,
 * tool_choice, response_format and every sampling parameter, including ones this gateway does not
 * know yet. Top-level nulls count as absent: OpenAI reads `"temperature": null` as "not sent".
 */
export function responseCacheKey(options: ResponseCacheKeyOptions): string {
  const keepModel = options.includeModel || options.operation === 'embeddings';
  const significant: Record<string, unknown> = {};
  for (const field in options.request) {
    const value = options.request[field];
    if (value === undefined || value === null || IGNORED_FIELDS.has(field)) continue;
    if (field === 'model' && !keepModel) continue;
    significant[field] = value;
  }
  const requestHash = createHash('sha256')
    .update(`${KEY_VERSION}\n${options.operation}\n`)
    .update(canonicalJson(significant))
    .digest('base64url');
  return `${scopeHash(options.scope)}:${requestHash}`;
}

export interface CacheScopeOptions {
  /** The id of the API key that made the request: entries are never shared between keys. */
  apiKeyId: string;
  /** Set (with the request's customer) only when `cache_options.cache_by_customer` is true. */
  customerIdentifier?: string;
}

/**
 * The scope of an entry (contract §4): the API key always, and the customer too under
 * `cache_by_customer`. JSON keeps the two parts apart whatever characters an id contains.
 */
export function cacheScope(options: CacheScopeOptions): string {
  return options.customerIdentifier === undefined
    ? JSON.stringify(['key', options.apiKeyId])
    : JSON.stringify(['key', options.apiKeyId, 'customer', options.customerIdentifier]);
}

/**
 * A scope as it appears in stored key names: hashed, because customer ids may hold glob
 * characters (which would break `SCAN MATCH`) or personal data (which has no place in key names).
 * 128 bits: two tenants colliding would read each other's answers.
 */
export function scopeHash(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 22);
}

/** The scope segment of a key made by `responseCacheKey`. */
export function scopeHashOfKey(key: string): string {
  const separator = key.indexOf(':');
  return separator === -1 ? key : key.slice(0, separator);
}
