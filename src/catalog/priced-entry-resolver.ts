import type { ModelInfo } from '@pydantic/genai-prices';
import type { Provider } from '../providers/provider.ts';
import { catalogEntryForPricedModel } from './catalog-entry-for-priced-model.ts';
import { concreteModelNames } from './concrete-model-names.ts';
import { datedSnapshotNames } from './dated-snapshot-names.ts';
import type { CatalogEntry } from './model-catalog.ts';
import { pricingModelSet, resolvePricedModel } from './resolve-priced-model.ts';
import type { PricingModelSet } from './resolve-priced-model.ts';

export interface PricedEntryResolver {
  /** Entries for this name on every priced provider, in the order the providers were given. */
  entriesFor(modelName: string): CatalogEntry[];
  /** Names worth listing: ids and exact names of current models, and the dated snapshots they accept. */
  candidateNames(): Set<string>;
}

interface PricedProvider {
  readonly providerId: string;
  readonly models: PricingModelSet;
  readonly serves: (modelName: string) => boolean;
}

const servesAll = () => true;

/**
 * Prices model names on the gateway providers that genai-prices covers. Hosts sharing price data
 * (Gemini and Vertex both use `google`) resolve each name once.
 */
export function createPricedEntryResolver(options: { providers: readonly Provider[]; epochMilliseconds: number }): PricedEntryResolver {
  const modelSets = new Map<string, PricingModelSet>();
  const pricedProviders: PricedProvider[] = [];
  for (const provider of options.providers) {
    const pricingProviderId = provider.pricingProviderId;
    if (pricingProviderId === undefined) continue;
    let models = modelSets.get(pricingProviderId);
    if (models === undefined) {
      models = pricingModelSet(pricingProviderId);
      if (models === undefined) continue;
      modelSets.set(pricingProviderId, models);
    }
    pricedProviders.push({ providerId: provider.id, models, serves: provider.servesModel?.bind(provider) ?? servesAll });
  }

  function entriesFor(modelName: string): CatalogEntry[] {
    const resolved = new Map<PricingModelSet, ModelInfo | undefined>();
    const entries: CatalogEntry[] = [];
    for (const { providerId, models, serves } of pricedProviders) {
      if (!serves(modelName)) continue;
      if (!resolved.has(models)) resolved.set(models, resolvePricedModel(models, modelName));
      const model = resolved.get(models);
      if (model === undefined || model.deprecated === true) continue;
      const entry = catalogEntryForPricedModel({ modelName, providerId, model, epochMilliseconds: options.epochMilliseconds });
      if (entry !== undefined) entries.push(entry);
    }
    return entries;
  }

  function candidateNames(): Set<string> {
    const names = new Set<string>();
    for (const models of modelSets.values()) {
      for (const list of models.modelLists) {
        for (const model of list) if (model.deprecated !== true) for (const name of concreteModelNames(model)) names.add(name);
      }
    }
    // entriesFor drops the snapshots no priced provider accepts.
    for (const name of datedSnapshotNames()) names.add(name);
    return names;
  }

  return { entriesFor, candidateNames };
}
