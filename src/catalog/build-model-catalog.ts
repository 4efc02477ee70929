import type { CustomModelConfig } from '../config/config.ts';
import type { Provider } from '../providers/provider.ts';
import { addConfiguredModels } from './add-configured-models.ts';
import { BoundedMemo } from './bounded-memo.ts';
import { compareProviderPriority } from './default-provider-priority.ts';
import type { CatalogEntry, ModelCatalog } from './model-catalog.ts';
import { createPricedEntryResolver } from './priced-entry-resolver.ts';

export interface BuildModelCatalogOptions {
  providers: readonly Provider[];
  customModels: readonly CustomModelConfig[];
  /** The moment whose prices are listed (genai-prices dates some price changes); defaults to now. */
  now?: Date;
}

/** Names resolved by match logic, misses included, so a name costs one scan of the price data at most. */
const RESOLVED_NAME_CAPACITY = 10_000;
const NO_ENTRIES: readonly CatalogEntry[] = Object.freeze([]);

/**
 * Built once at start-up. Every current genai-prices model of every priced provider is listed under its
 * id and exact names; a name several providers price defaults to the first in DEFAULT_PROVIDER_PRIORITY
 * and keeps its other providers in `entriesFor`. Names only genai-prices' prefix or pattern rules accept
 * (`claude-sonnet-4-20250514`) resolve on first use and are memoized, so the hot path is a Map lookup.
 */
export function buildModelCatalog(options: BuildModelCatalogOptions): ModelCatalog {
  const providers = [...options.providers].sort((first, second) => compareProviderPriority(first.id, second.id));
  const resolver = createPricedEntryResolver({ providers, epochMilliseconds: (options.now ?? new Date()).getTime() });

  const entriesByName = new Map<string, CatalogEntry[]>();
  for (const modelName of resolver.candidateNames()) {
    const entries = resolver.entriesFor(modelName);
    if (entries.length > 0) entriesByName.set(modelName, entries);
  }
  const aliasTargets = addConfiguredModels({ entriesByName, customModels: options.customModels, lookup: resolver.entriesFor });

  for (const entries of entriesByName.values()) Object.freeze(entries);
  const listing = Object.freeze([...entriesByName.values()].map((entries) => entries[0]).sort(byModelName));
  const resolvedNames = new BoundedMemo<string, readonly CatalogEntry[]>(RESOLVED_NAME_CAPACITY);

  function entriesFor(modelName: string): readonly CatalogEntry[] {
    const listed = entriesByName.get(modelName);
    if (listed !== undefined) return listed;
    const remembered = resolvedNames.get(modelName);
    if (remembered !== undefined) return remembered;
    const resolved = resolver.entriesFor(modelName);
    const frozen = resolved.length === 0 ? NO_ENTRIES : Object.freeze(resolved);
    resolvedNames.set(modelName, frozen);
    return frozen;
  }

  return {
    list: () => listing,
    get: (modelName) => entriesFor(modelName)[0],
    entriesFor,
    aliasTarget: (modelName) => aliasTargets.get(modelName),
  };
}

function byModelName(first: CatalogEntry, second: CatalogEntry): number {
  return first.model_name < second.model_name ? -1 : first.model_name > second.model_name ? 1 : 0;
}
