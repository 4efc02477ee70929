import { findProvider } from '@pydantic/genai-prices';
import type { ModelInfo } from '@pydantic/genai-prices';
import { matchesModelName } from './matches-model-name.ts';

/** One genai-prices provider's models, then those of the providers it falls back to (Azure → OpenAI, ...). */
export interface PricingModelSet {
  readonly pricingProviderId: string;
  readonly modelLists: readonly (readonly ModelInfo[])[];
}

/** Undefined when genai-prices has no provider with this id. */
export function pricingModelSet(pricingProviderId: string): PricingModelSet | undefined {
  const provider = findProvider({ providerId: pricingProviderId });
  if (provider === undefined) return undefined;
  const modelLists = [provider.models];
  for (const fallbackId of provider.fallback_model_providers ?? []) {
    const fallback = findProvider({ providerId: fallbackId });
    if (fallback !== undefined) modelLists.push(fallback.models);
  }
  return { pricingProviderId, modelLists };
}

/**
 * The model genai-prices' calcPrice would price this name with: the first model whose match logic
 * accepts it, own models before fallback providers', then the same for the name with a compact date
 * suffix spelled out (`-20250514` → `-2025-05-14`). Last, a model whose id is the name: a few ids are
 * not accepted by their own match logic (Fireworks' short ids), and the catalog lists every id.
 * Deprecated models are included, as in calcPrice: a retired model's calls still cost money.
 */
export function resolvePricedModel(models: PricingModelSet, modelName: string): ModelInfo | undefined {
  const lowercaseName = modelName.toLowerCase().trim();
  const matched = firstMatch(models, lowercaseName);
  if (matched !== undefined) return matched;
  const expandedDate = expandDateSuffix(lowercaseName);
  if (expandedDate !== lowercaseName) {
    const matchedExpanded = firstMatch(models, expandedDate);
    if (matchedExpanded !== undefined) return matchedExpanded;
  }
  for (const list of models.modelLists) {
    const byId = list.find((model) => model.id.toLowerCase() === lowercaseName);
    if (byId !== undefined) return byId;
  }
  return undefined;
}

function firstMatch(models: PricingModelSet, lowercaseName: string): ModelInfo | undefined {
  for (const list of models.modelLists) {
    const found = list.find((model) => matchesModelName(model.match, lowercaseName));
    if (found !== undefined) return found;
  }
  return undefined;
}

const COMPACT_DATE = /-(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)/g;

/** genai-prices' own normalization: some data spells snapshot dates with dashes. Invalid dates stay. */
function expandDateSuffix(name: string): string {
  return name.replace(COMPACT_DATE, (whole: string, year: string, month: string, day: string) => {
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    const valid = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
    return valid ? `-${year}-${month}-${day}` : whole;
  });
}
