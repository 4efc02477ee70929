import type { CatalogEntry, ModelCatalog } from '../catalog/model-catalog.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { Operation, Provider } from '../providers/provider.ts';
import type { ProviderRegistry } from '../providers/registry.ts';

/** A model slug turned into a host and that host's model id. */
export interface ResolvedModel {
  /** The model as logged: the catalog name, or the slug's model part. */
  modelName: string;
  provider: Provider;
  upstreamModel: string;
  /** Catalog prices for this model on this provider, when known. */
  pricing: CatalogEntry | undefined;
}

export interface ResolveOptions {
  catalog: ModelCatalog;
  providers: ProviderRegistry;
  operation: Operation;
  /** `X-Respan-Route-Provider`: serve the model from this provider under its own model id. */
  routeProvider?: string;
}

const MAX_ALIAS_DEPTH = 5;

/**
 * Slug rules (contract §4): a custom alias resolves to its base model; `provider/model` goes to
 * that provider when the prefix names one; a catalog or custom model goes to its provider (so
 * slugs whose prefix is no provider, `meta-llama/Llama-3.3-70B-Instruct-Turbo`, still resolve);
 * anything else is a 404 before any upstream call.
 */
export function resolveModel(slug: string, options: ResolveOptions): ResolvedModel {
  let modelName = slug;
  for (let depth = 0; depth < MAX_ALIAS_DEPTH; depth++) {
    const target = options.catalog.aliasTarget(modelName);
    if (target === undefined) break;
    modelName = target;
  }
  const resolved = resolvePrefixedSlug(modelName, options) ?? resolveCatalogModel(modelName, options);
  if (resolved === undefined) {
    throw new GatewayError({
      status: 404,
      message: `The model '${slug}' does not exist or is not served by this gateway`,
      type: 'invalid_request_error',
      code: 'model_not_found',
      param: 'model',
    });
  }
  const routed = options.routeProvider === undefined ? resolved : reroute(resolved, options.routeProvider, options);
  if (routed.provider[options.operation] === undefined) {
    throw new GatewayError({
      status: 400,
      message: `Provider '${routed.provider.id}' does not offer ${options.operation === 'chat' ? 'chat completions' : options.operation}`,
      code: 'unsupported_operation',
      param: 'model',
    });
  }
  return routed;
}

function resolveCatalogModel(modelName: string, options: ResolveOptions): ResolvedModel | undefined {
  const entry = options.catalog.get(modelName);
  if (entry === undefined) return undefined;
  const provider = options.providers.resolve(entry.provider_id);
  if (provider === undefined) return undefined;
  return { modelName: entry.model_name, provider, upstreamModel: entry.upstream_model ?? entry.model_name, pricing: entry };
}

function resolvePrefixedSlug(slug: string, options: ResolveOptions): ResolvedModel | undefined {
  const slash = slug.indexOf('/');
  if (slash <= 0 || slash === slug.length - 1) return undefined;
  const provider = options.providers.resolve(slug.slice(0, slash));
  if (provider === undefined) return undefined;
  const modelName = slug.slice(slash + 1);
  return { modelName, provider, upstreamModel: modelName, pricing: priceOn(modelName, provider, options.catalog) };
}

function reroute(resolved: ResolvedModel, routeProvider: string, options: ResolveOptions): ResolvedModel {
  const provider = options.providers.resolve(routeProvider.trim());
  if (provider === undefined) {
    throw new GatewayError({ status: 400, message: `Unknown provider '${routeProvider}' in X-Respan-Route-Provider`, param: 'X-Respan-Route-Provider', code: 'unknown_provider' });
  }
  if (provider === resolved.provider) return resolved;
  const upstreamModel = provider.upstreamModelFor?.(resolved.modelName) ?? resolved.modelName;
  return { modelName: resolved.modelName, provider, upstreamModel, pricing: priceOn(resolved.modelName, provider, options.catalog) ?? resolved.pricing };
}

function priceOn(modelName: string, provider: Provider, catalog: ModelCatalog): CatalogEntry | undefined {
  return catalog.entriesFor(modelName).find((entry) => entry.provider_id === provider.id);
}
