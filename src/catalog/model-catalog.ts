/**
 * The model catalog (contract §4): every model the gateway serves, on every provider that prices it.
 * Built once at start-up by build-model-catalog.ts; read on every request.
 */

export type CatalogEntryMode = 'chat' | 'embedding';

export interface CatalogEntry {
  model_name: string;
  /** Canonical gateway provider id. */
  provider_id: string;
  /** USD per 1M tokens. Tiered prices are listed at their base (lowest-volume) rate. */
  input_cost: number;
  output_cost: number;
  cache_read_cost?: number;
  cache_write_cost?: number;
  context_window: number | null;
  mode: CatalogEntryMode;
  /** The id sent upstream, when it differs from model_name (custom models, aliases). */
  upstream_model?: string;
  /**
   * Where the prices come from. Configured prices are authoritative for cost; genai-prices entries are
   * re-priced from the data so tiers and dated price changes apply (compute-cost.ts).
   */
  price_source: 'genai-prices' | 'config';
}

export interface ModelCatalog {
  /** One entry per model name (its default provider), sorted by name: GET /api/models and /api/models/public. */
  list(): readonly CatalogEntry[];
  /** The default provider's entry. Resolves dated and versioned names through genai-prices match logic. */
  get(modelName: string): CatalogEntry | undefined;
  /** Every provider that prices this model, default first; empty when none does. */
  entriesFor(modelName: string): readonly CatalogEntry[];
  /** The base model of a configured alias (`base_model_name`). */
  aliasTarget(modelName: string): string | undefined;
}
