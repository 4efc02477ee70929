import { cacheScope, responseCacheKey, type CacheOperation } from '../cache/cache-key.ts';
import type { CacheEntry } from '../cache/cache-entry.ts';
import { isCacheableRequest } from '../cache/is-cacheable-request.ts';
import type { GatewayParams } from './gateway-params.ts';
import type { GatewayServices } from './gateway-services.ts';
import { customerOf, type RequestContext } from './request-context.ts';

/** A request that uses the response cache (contract §4 `cache_enabled`). */
export interface CacheStage {
  key: string;
  ttlSeconds: number;
  /** `cache_options.omit_log`: a hit writes no log. */
  omitLog: boolean;
  customerIdentifier: string | undefined;
  lookup(): Promise<CacheEntry | undefined>;
  store(entry: CacheEntry): void;
}

/**
 * The cache stage, first after the params are read: entries are scoped by API key, and by
 * customer too under `cache_by_customer`, so one tenant never reads another's answers. Storing
 * happens after the response is complete and never delays it.
 */
export function cacheStageFor(options: {
  services: GatewayServices;
  context: RequestContext;
  params: GatewayParams;
  operation: CacheOperation;
  request: Record<string, unknown>;
}): CacheStage | undefined {
  const { services, context, params } = options;
  if (params.cache_enabled !== true || !isCacheableRequest(options.operation, options.request)) return undefined;
  const customerIdentifier = customerOf(params).identifier ?? undefined;
  const cacheOptions = params.cache_options ?? {};
  const scope = cacheScope({
    apiKeyId: context.auth.keyId ?? 'admin',
    customerIdentifier: cacheOptions.cache_by_customer === true ? customerIdentifier ?? '' : undefined,
  });
  const key = responseCacheKey({ operation: options.operation, request: options.request, scope, includeModel: cacheOptions.is_cached_by_model === true });
  const ttlSeconds = typeof params.cache_ttl === 'number' && params.cache_ttl > 0 ? params.cache_ttl : services.settings.current.cacheDefaultTtl;
  return {
    key,
    ttlSeconds,
    omitLog: cacheOptions.omit_log === true,
    customerIdentifier,
    lookup: () => services.cache.get(key),
    store: (entry) => void services.cache.set(key, entry, ttlSeconds),
  };
}
