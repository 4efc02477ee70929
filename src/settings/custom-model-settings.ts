import { z } from 'zod';
import type { CustomModelConfig } from '../config/config.ts';
import { withoutUndefined } from '../config/without-undefined.ts';
import { ValidationError } from '../errors/validation-error.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { Sourced } from './effective-settings.ts';
import { modelNameSchema, nonEmptyText } from './entry-schemas.ts';

/**
 * `/api/models/` bodies: an alias `{model_name, base_model_name}` or a custom model `{model_name,
 * provider, upstream_model?, input_cost?, output_cost?, context_window?}`, spelt as in the config
 * file's `models:` section (contract §2). Costs are USD per 1M tokens.
 */
export interface CustomModelWire {
  model_name: string;
  base_model_name?: string;
  provider?: string;
  upstream_model?: string;
  input_cost?: number;
  output_cost?: number;
  context_window?: number;
}

const optionalFields = {
  base_model_name: modelNameSchema,
  provider: nonEmptyText,
  upstream_model: modelNameSchema,
  input_cost: z.number().min(0),
  output_cost: z.number().min(0),
  context_window: z.int().positive(),
};

export const customModelCreateSchema = z.strictObject({
  model_name: modelNameSchema,
  base_model_name: optionalFields.base_model_name.optional(),
  provider: optionalFields.provider.optional(),
  upstream_model: optionalFields.upstream_model.optional(),
  input_cost: optionalFields.input_cost.optional(),
  output_cost: optionalFields.output_cost.optional(),
  context_window: optionalFields.context_window.optional(),
});

/** PATCH: a field given replaces, `null` clears it, an absent field stays. */
export const customModelPatchSchema = z.strictObject({
  model_name: modelNameSchema.optional(),
  base_model_name: optionalFields.base_model_name.nullable().optional(),
  provider: optionalFields.provider.nullable().optional(),
  upstream_model: optionalFields.upstream_model.nullable().optional(),
  input_cost: optionalFields.input_cost.nullable().optional(),
  output_cost: optionalFields.output_cost.nullable().optional(),
  context_window: optionalFields.context_window.nullable().optional(),
});

export type CustomModelPatch = z.output<typeof customModelPatchSchema>;

export function mergeCustomModelPatch(current: CustomModelConfig, patch: CustomModelPatch): CustomModelWire {
  if (patch.model_name !== undefined && patch.model_name !== current.modelName) {
    throw new ValidationError({ model_name: ['a model cannot be renamed; create one under the new name and delete this one'] });
  }
  const merged: Record<string, unknown> = { ...customModelToWire(current), ...patch };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null && value !== undefined)) as unknown as CustomModelWire;
}

/**
 * The same rules as the config file's `models:` section: an alias or a model on a provider, the
 * provider resolved to its canonical id. Whether an alias target exists is the catalog's to say, so
 * the store checks it through its `isKnownModel` option.
 */
export function buildCustomModel(wire: CustomModelWire, registry: ProviderRegistry): CustomModelConfig {
  if (wire.base_model_name === undefined && wire.provider === undefined) {
    throw new ValidationError({ base_model_name: ['expected base_model_name (an alias) or provider (a custom model)'] });
  }
  if (wire.base_model_name === wire.model_name) throw new ValidationError({ base_model_name: ['an alias cannot name itself'] });
  let provider: string | undefined;
  if (wire.provider !== undefined) {
    provider = registry.resolve(wire.provider)?.id;
    if (provider === undefined) throw new ValidationError({ provider: [`unknown provider '${wire.provider}'`] });
  }
  return customModelFromWire({ ...wire, ...(provider !== undefined && { provider }) });
}

export function customModelFromWire(wire: CustomModelWire): CustomModelConfig {
  return withoutUndefined({
    modelName: wire.model_name,
    baseModelName: wire.base_model_name,
    provider: wire.provider,
    upstreamModel: wire.upstream_model,
    inputCost: wire.input_cost,
    outputCost: wire.output_cost,
    contextWindow: wire.context_window,
  });
}

/** The stored form: only the fields that are set. */
export function customModelToWire(model: CustomModelConfig): CustomModelWire {
  return withoutUndefined({
    model_name: model.modelName,
    base_model_name: model.baseModelName,
    provider: model.provider,
    upstream_model: model.upstreamModel,
    input_cost: model.inputCost,
    output_cost: model.outputCost,
    context_window: model.contextWindow,
  });
}

/** Every field present (null when unset), so clients see one shape for aliases and models. */
export function presentCustomModel(sourced: Sourced<CustomModelConfig>) {
  const { entry } = sourced;
  return {
    model_name: entry.modelName,
    base_model_name: entry.baseModelName ?? null,
    provider: entry.provider ?? null,
    upstream_model: entry.upstreamModel ?? null,
    input_cost: entry.inputCost ?? null,
    output_cost: entry.outputCost ?? null,
    context_window: entry.contextWindow ?? null,
    source: sourced.source,
  };
}
