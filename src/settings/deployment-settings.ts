import { z } from 'zod';
import type { DeploymentConfig } from '../config/config.ts';
import { withoutUndefined } from '../config/without-undefined.ts';
import { ValidationError } from '../errors/validation-error.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { describeCredentials } from '../secrets/stored-provider-credentials.ts';
import type { Sourced } from './effective-settings.ts';
import { entryNameSchema, nonEmptyText, rejectOutputOnlyFields, withoutNulls } from './entry-schemas.ts';

/**
 * `/api/deployments/` bodies: the config file's flat shape (contract §2), `{name, provider, weight,
 * available_models, ...credentials}`: every key that is not structural is a credential field.
 */

const STRUCTURAL_FIELDS: readonly string[] = ['name', 'provider', 'weight', 'available_models'];

export const deploymentCreateSchema = z
  .looseObject({
    name: entryNameSchema,
    provider: nonEmptyText,
    weight: z.number().positive().default(1),
    // An empty list would be a deployment that serves nothing; leave the field out to serve all.
    available_models: z.array(nonEmptyText).min(1).optional(),
  })
  .superRefine(rejectOutputOnlyFields);

export const deploymentPatchSchema = z
  .looseObject({
    name: entryNameSchema.optional(),
    provider: nonEmptyText.optional(),
    weight: z.number().positive().optional(),
    available_models: z.array(nonEmptyText).min(1).nullable().optional(),
  })
  .superRefine(rejectOutputOnlyFields);

export type DeploymentCreate = z.output<typeof deploymentCreateSchema>;
export type DeploymentPatch = z.output<typeof deploymentPatchSchema>;

/** A deployment as requested, before its provider is resolved and its credentials checked. */
interface DeploymentDraft {
  name: string;
  provider: string;
  weight: number;
  availableModels?: string[];
  credentials: Record<string, unknown>;
}

export function draftFromCreate(body: DeploymentCreate): DeploymentDraft {
  return withoutUndefined({ name: body.name, provider: body.provider, weight: body.weight, availableModels: body.available_models, credentials: withoutNulls(credentialFields(body)) });
}

/**
 * PATCH merges: structural fields replace, credential fields merge over the stored ones (`null`
 * removes one), so rotating an api_key keeps the base_url and vice versa.
 */
export function draftFromPatch(current: DeploymentConfig, patch: DeploymentPatch): DeploymentDraft {
  if (patch.name !== undefined && patch.name !== current.name) {
    throw new ValidationError({ name: ['a deployment cannot be renamed; create one under the new name and delete this one'] });
  }
  const availableModels = patch.available_models === undefined ? current.availableModels : patch.available_models ?? undefined;
  return withoutUndefined({
    name: current.name,
    provider: patch.provider ?? current.provider,
    weight: patch.weight ?? current.weight,
    availableModels,
    credentials: withoutNulls({ ...current.credentials, ...credentialFields(patch) }),
  });
}

/**
 * The provider must be one this gateway knows (custom hosts are defined in the config file at
 * start-up), and the deployment's own credentials must satisfy the provider's own rules, as a
 * deployment in the config file must: the router layers them over the provider's credentials, but
 * a deployment exists to bring a different account, so it must be usable on its own.
 */
export function buildDeployment(draft: DeploymentDraft, registry: ProviderRegistry): DeploymentConfig {
  const provider = registry.resolve(draft.provider);
  if (provider === undefined) throw new ValidationError({ provider: [`unknown provider '${draft.provider}'`] });
  const check = provider.checkCredentials(draft.credentials);
  if (!check.ok) throw new ValidationError(check.errors);
  return withoutUndefined({ name: draft.name, provider: provider.id, credentials: draft.credentials, weight: draft.weight, availableModels: draft.availableModels });
}

/** What the API shows: secrets only by name (describeCredentials), never their values. */
export function presentDeployment(sourced: Sourced<DeploymentConfig>) {
  const { entry } = sourced;
  return {
    name: entry.name,
    provider: entry.provider,
    weight: entry.weight,
    available_models: entry.availableModels ?? null,
    source: sourced.source,
    ...describeCredentials(entry.credentials),
  };
}

function credentialFields(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([field]) => !STRUCTURAL_FIELDS.includes(field)));
}
