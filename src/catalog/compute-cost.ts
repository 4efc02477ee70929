import { BoundedMemo } from './bounded-memo.ts';
import { compileModelPricing, compilePrice } from './compile-model-pricing.ts';
import type { CompiledModelPricing, CompiledPrice } from './compile-model-pricing.ts';
import type { CatalogEntry } from './model-catalog.ts';
import { priceTokenUsage } from './price-token-usage.ts';
import type { PricedUsage } from './price-token-usage.ts';
import { pricingModelSet, resolvePricedModel } from './resolve-priced-model.ts';
import type { PricingModelSet } from './resolve-priced-model.ts';

export interface ComputeCostOptions {
  /** The catalog entry the request was served under, when there is one. */
  entry?: CatalogEntry;
  /** genai-prices provider id of the host that served the request. */
  pricingProviderId?: string;
  /** The model served (after alias resolution). */
  model: string;
  usage: PricedUsage;
  /** When the request was made, in epoch milliseconds: some prices are dated or time-of-day. Defaults to now. */
  at?: number;
}

const MODELS_PER_PROVIDER_CAPACITY = 10_000;

const modelSets = new Map<string, PricingModelSet | null>();
const pricingByProvider = new Map<string, BoundedMemo<string, CompiledModelPricing | null>>();
const configuredPrices = new WeakMap<CatalogEntry, CompiledPrice>();

/**
 * USD for one request. Configured prices (custom models) win; otherwise genai-prices prices the model on
 * the serving host, with its tiers and dated prices; otherwise the entry's listed prices; otherwise 0.
 * Runs for every request, so each (provider, model) is resolved against the price data once and
 * memoized, and the arithmetic is done here rather than by calcPrice, which re-validates the units and
 * re-scans the match logic on every call (≈110–140k calls/s, against ≈10M/s here: compute-cost.bench.ts).
 */
export function computeCost(options: ComputeCostOptions): number {
  const { entry, usage } = options;
  if (entry !== undefined && entry.price_source === 'config') return priceTokenUsage(listedPrice(entry), usage);
  if (options.pricingProviderId !== undefined) {
    const pricing = memoizedPricing(options.pricingProviderId, options.model);
    if (pricing !== null) return priceTokenUsage(pricing.priceAt(options.at ?? Date.now()), usage);
  }
  if (entry !== undefined) return priceTokenUsage(listedPrice(entry), usage);
  return 0;
}

function memoizedPricing(pricingProviderId: string, model: string): CompiledModelPricing | null {
  let memo = pricingByProvider.get(pricingProviderId);
  if (memo === undefined) {
    memo = new BoundedMemo(MODELS_PER_PROVIDER_CAPACITY);
    pricingByProvider.set(pricingProviderId, memo);
  }
  let pricing = memo.get(model);
  if (pricing === undefined) {
    const models = modelSetFor(pricingProviderId);
    const info = models === null ? undefined : resolvePricedModel(models, model);
    pricing = info === undefined ? null : compileModelPricing(info);
    memo.set(model, pricing);
  }
  return pricing;
}

function modelSetFor(pricingProviderId: string): PricingModelSet | null {
  let models = modelSets.get(pricingProviderId);
  if (models === undefined) {
    models = pricingModelSet(pricingProviderId) ?? null;
    modelSets.set(pricingProviderId, models);
  }
  return models;
}

function listedPrice(entry: CatalogEntry): CompiledPrice {
  let price = configuredPrices.get(entry);
  if (price === undefined) {
    price = compilePrice({
      input_mtok: entry.input_cost,
      output_mtok: entry.output_cost,
      cache_read_mtok: entry.cache_read_cost,
      cache_write_mtok: entry.cache_write_cost,
    });
    configuredPrices.set(entry, price);
  }
  return price;
}
