import type { CustomModelConfig } from '../config/config.ts';
import type { CatalogEntry } from './model-catalog.ts';

export interface AddConfiguredModelsOptions {
  /** Catalog entries by name, default provider first; custom models and aliases are added to it. */
  entriesByName: Map<string, CatalogEntry[]>;
  customModels: readonly CustomModelConfig[];
  /** Entries for a name the map may not hold (dated names resolved by match logic). */
  lookup(modelName: string): readonly CatalogEntry[];
}

/**
 * Adds the `models:` section of the config. A custom model (with `provider`) is listed at its configured
 * prices and becomes its name's default, replacing genai-prices' price on that provider: the operator
 * knows their contract. An alias (`base_model_name`) is listed with its target's providers and prices;
 * prices or a provider given on the alias itself take precedence. Returns alias → target.
 */
export function addConfiguredModels(options: AddConfiguredModelsOptions): Map<string, string> {
  const { entriesByName, customModels } = options;
  for (const custom of customModels) {
    if (custom.baseModelName !== undefined || custom.provider === undefined) continue;
    const entry = Object.freeze(customEntry(custom, custom.provider));
    const others = (entriesByName.get(custom.modelName) ?? []).filter((existing) => existing.provider_id !== entry.provider_id);
    entriesByName.set(custom.modelName, [entry, ...others]);
  }

  const aliases = new Map<string, CustomModelConfig & { baseModelName: string }>();
  for (const custom of customModels) {
    if (custom.baseModelName !== undefined) aliases.set(custom.modelName, { ...custom, baseModelName: custom.baseModelName });
  }
  // An alias may name an alias: chains are followed a few steps; a cycle resolves to nothing.
  const aliasEntriesByName = new Map<string, readonly CatalogEntry[]>();
  const entriesOf = (modelName: string, depth: number): readonly CatalogEntry[] => {
    const alias = aliases.get(modelName);
    if (alias === undefined) return entriesByName.get(modelName) ?? options.lookup(modelName);
    const known = aliasEntriesByName.get(modelName);
    if (known !== undefined) return known;
    if (depth > MAX_ALIAS_DEPTH) return [];
    aliasEntriesByName.set(modelName, []);
    const entries = aliasEntries(alias, entriesOf(alias.baseModelName, depth + 1));
    aliasEntriesByName.set(modelName, entries);
    return entries;
  };
  for (const aliasName of aliases.keys()) entriesOf(aliasName, 0);
  // The alias owns its name, even when genai-prices prices a model by that name.
  for (const [aliasName, entries] of aliasEntriesByName) {
    if (entries.length > 0) entriesByName.set(aliasName, [...entries]);
    else entriesByName.delete(aliasName);
  }
  return new Map([...aliases].map(([aliasName, alias]) => [aliasName, alias.baseModelName]));
}

function aliasEntries(alias: CustomModelConfig, targetEntries: readonly CatalogEntry[]): CatalogEntry[] {
  const onProvider = alias.provider === undefined ? targetEntries : targetEntries.filter((entry) => entry.provider_id === alias.provider);
  if (onProvider.length === 0 && alias.provider !== undefined && hasConfiguredPrice(alias)) {
    return [Object.freeze(customEntry(alias, alias.provider))];
  }
  return onProvider.map((target) => Object.freeze(aliasEntry(alias, target)));
}

const MAX_ALIAS_DEPTH = 5;

function customEntry(custom: CustomModelConfig, providerId: string): CatalogEntry {
  const upstreamModel = custom.upstreamModel ?? custom.baseModelName;
  const entry: CatalogEntry = {
    model_name: custom.modelName,
    provider_id: providerId,
    input_cost: custom.inputCost ?? 0,
    output_cost: custom.outputCost ?? 0,
    context_window: custom.contextWindow ?? null,
    mode: /embed/i.test(custom.modelName) || /embed/i.test(upstreamModel ?? '') ? 'embedding' : 'chat',
    price_source: 'config',
  };
  if (upstreamModel !== undefined && upstreamModel !== custom.modelName) entry.upstream_model = upstreamModel;
  return entry;
}

function aliasEntry(alias: CustomModelConfig, target: CatalogEntry): CatalogEntry {
  const entry: CatalogEntry = {
    ...target,
    model_name: alias.modelName,
    upstream_model: alias.upstreamModel ?? target.upstream_model ?? target.model_name,
    context_window: alias.contextWindow ?? target.context_window,
  };
  if (hasConfiguredPrice(alias)) {
    // Configured prices replace the target's whole price list, cache rates included.
    entry.input_cost = alias.inputCost ?? 0;
    entry.output_cost = alias.outputCost ?? 0;
    delete entry.cache_read_cost;
    delete entry.cache_write_cost;
    entry.price_source = 'config';
  }
  return entry;
}

function hasConfiguredPrice(custom: CustomModelConfig): boolean {
  return custom.inputCost !== undefined || custom.outputCost !== undefined;
}
