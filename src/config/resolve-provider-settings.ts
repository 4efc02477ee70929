import type { CredentialCheck, ProviderCredentials } from '../providers/provider.ts';
import type { PathProblem, PathSegment } from './config-error.ts';
import type { CustomModelConfig, DeploymentConfig } from './config.ts';
import type { ProviderSections } from './config-file-schema.ts';
import { deploymentStructuralKeys } from './config-file-schema.ts';
import type { ProviderLookup } from './provider-lookup.ts';
import { hasUrlProtocol } from './setting-schemas.ts';
import { withoutUndefined } from './without-undefined.ts';

/**
 * Resolves every provider name in the file (under `providers`, in deployments and in custom
 * models) to its canonical id, and checks credentials with the provider's own rules, so a typo or
 * a missing key stops start-up instead of failing the first request.
 *
 * A name the registry does not know is a custom OpenAI-compatible host when its entry has a
 * `base_url`; it keeps the name as given and the registry defines it from these settings.
 */
export interface ProviderSettings {
  /** Canonical provider id → credentials as written (snake_case keys). */
  providers: Record<string, ProviderCredentials>;
  deployments: DeploymentConfig[];
  models: CustomModelConfig[];
  problems: PathProblem[];
}

export function resolveProviderSettings(file: ProviderSections, lookup: ProviderLookup): ProviderSettings {
  const problems: PathProblem[] = [];
  const context = { lookup, problems, customIds: new Set<string>() };
  const providers = resolveProviders(file.providers, context);
  const deployments = file.deployments.map((deployment, index) => resolveDeployment({ deployment, index, context }));
  const models = file.models.map((model, index) => resolveCustomModel({ model, index, context }));
  return { providers, deployments, models, problems };
}

interface ResolutionContext {
  lookup: ProviderLookup;
  problems: PathProblem[];
  /** Custom hosts defined under `providers`, which deployments and models may name. */
  customIds: Set<string>;
}

function resolveProviders(
  entries: ProviderSections['providers'],
  context: ResolutionContext,
): Record<string, ProviderCredentials> {
  const { lookup, problems, customIds } = context;
  const providers: Record<string, ProviderCredentials> = {};
  const nameById = new Map<string, string>();
  for (const [name, entry] of Object.entries(entries)) {
    const path = ['providers', name];
    const credentials = withoutUndefined(entry);
    const provider = lookup.resolve(name);
    const id = provider?.id ?? name;
    const earlierName = nameById.get(id);
    if (earlierName !== undefined) {
      problems.push({ path, message: `configures provider ${id} a second time (also configured as ${earlierName})` });
      continue;
    }
    if (provider !== undefined) {
      problems.push(...credentialProblems(provider.checkCredentials(credentials), path));
    } else if (credentials.base_url !== undefined) {
      problems.push(...customHostProblems({ id: name, credentials, path }));
      customIds.add(name);
    } else {
      problems.push({ path, message: unknownProviderMessage(lookup) });
      continue;
    }
    nameById.set(id, name);
    providers[id] = credentials;
  }
  return providers;
}

function resolveDeployment(options: {
  deployment: ProviderSections['deployments'][number];
  index: number;
  context: ResolutionContext;
}): DeploymentConfig {
  const { deployment, index, context } = options;
  const path = ['deployments', index];
  const structuralKeys: readonly string[] = deploymentStructuralKeys;
  const credentials = withoutUndefined(
    Object.fromEntries(Object.entries(deployment).filter(([key]) => !structuralKeys.includes(key))),
  );
  const provider = context.lookup.resolve(deployment.provider);
  if (provider !== undefined) {
    context.problems.push(...credentialProblems(provider.checkCredentials(credentials), path));
  } else if (credentials.base_url !== undefined) {
    context.problems.push(...customHostProblems({ id: deployment.provider, credentials, path }));
  } else if (!context.customIds.has(deployment.provider)) {
    context.problems.push({ path: [...path, 'provider'], message: unknownProviderMessage(context.lookup) });
  }
  return withoutUndefined({
    name: deployment.name,
    provider: provider?.id ?? deployment.provider,
    credentials,
    weight: deployment.weight,
    availableModels: deployment.available_models,
  });
}

function resolveCustomModel(options: {
  model: ProviderSections['models'][number];
  index: number;
  context: ResolutionContext;
}): CustomModelConfig {
  const { model, index, context } = options;
  let provider: string | undefined;
  if (model.provider !== undefined) {
    provider = context.lookup.resolve(model.provider)?.id ?? (context.customIds.has(model.provider) ? model.provider : undefined);
    if (provider === undefined) {
      context.problems.push({ path: ['models', index, 'provider'], message: unknownProviderMessage(context.lookup) });
    }
  }
  return withoutUndefined({
    modelName: model.model_name,
    baseModelName: model.base_model_name,
    provider,
    upstreamModel: model.upstream_model,
    inputCost: model.input_cost,
    outputCost: model.output_cost,
    contextWindow: model.context_window,
  });
}

/** A provider's `{field: [messages]}` as problems at `PATH.field` (dotted fields go deeper). */
function credentialProblems(check: CredentialCheck, path: readonly PathSegment[]): PathProblem[] {
  if (check.ok) return [];
  return Object.entries(check.errors).flatMap(([field, messages]) =>
    messages.map((message) => ({ path: [...path, ...(field === '' ? [] : field.split('.'))], message })),
  );
}

function customHostProblems(options: { id: string; credentials: ProviderCredentials; path: readonly PathSegment[] }): PathProblem[] {
  const { id, credentials, path } = options;
  const problems: PathProblem[] = [];
  // The id becomes a model-slug prefix (`NAME/model`) and a log label.
  if (!/^[a-z0-9][a-z0-9_.-]*$/i.test(id)) {
    problems.push({ path, message: 'a custom provider id may contain only letters, digits, _, - and .' });
  }
  if (typeof credentials.base_url !== 'string' || !hasUrlProtocol(credentials.base_url, ['http:', 'https:'])) {
    problems.push({ path: [...path, 'base_url'], message: 'expected a URL' });
  }
  return problems;
}

function unknownProviderMessage(lookup: ProviderLookup): string {
  return `unknown provider (known: ${[...lookup.ids].sort().join(', ')}; a custom OpenAI-compatible host needs a base_url)`;
}
