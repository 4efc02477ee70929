import type { ModelInfo } from '@pydantic/genai-prices';
import { compileModelPricing } from './compile-model-pricing.ts';
import type { TokenRate } from './compile-model-pricing.ts';
import type { CatalogEntry } from './model-catalog.ts';

export interface PricedModelListing {
  modelName: string;
  providerId: string;
  model: ModelInfo;
  /** The moment whose prices are listed (dated price changes). */
  epochMilliseconds: number;
}

/**
 * A catalog entry from genai-prices data, or undefined for a model the gateway cannot serve: one with
 * no token price is billed per audio hour, page or request (speech, OCR), not a chat or embedding model.
 */
export function catalogEntryForPricedModel(listing: PricedModelListing): CatalogEntry | undefined {
  const price = compileModelPricing(listing.model).priceAt(listing.epochMilliseconds);
  if (price.input === undefined && price.output === undefined) return undefined;
  const entry: CatalogEntry = {
    model_name: listing.modelName,
    provider_id: listing.providerId,
    input_cost: baseRate(price.input) ?? 0,
    output_cost: baseRate(price.output) ?? 0,
    context_window: listing.model.context_window ?? null,
    // Embedding models are priced on input alone; the name settles models priced both ways.
    mode: /embed/i.test(listing.modelName) || /embed/i.test(listing.model.id) || price.output === undefined ? 'embedding' : 'chat',
    price_source: 'genai-prices',
  };
  const cacheRead = baseRate(price.cacheRead);
  if (cacheRead !== undefined) entry.cache_read_cost = cacheRead;
  const cacheWrite = baseRate(price.cacheWrite);
  if (cacheWrite !== undefined) entry.cache_write_cost = cacheWrite;
  return Object.freeze(entry);
}

function baseRate(rate: TokenRate | undefined): number | undefined {
  return rate === undefined || typeof rate === 'number' ? rate : rate.base;
}
