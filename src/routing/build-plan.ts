import type { ModelCatalog } from '../catalog/model-catalog.ts';
import type { DeploymentConfig, LoadBalanceGroupConfig } from '../config/config.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { Operation, ProviderCredentials } from '../providers/provider.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { CooldownStore } from './cooldown-tracker.ts';
import { orderWeighted } from './pick-weighted.ts';
import { resolveModel, type ResolvedModel } from './resolve-model.ts';
import { requestCredentialsFor, selectCredentials } from './select-credentials.ts';

/** Where one attempt goes: a model on a host, with the credentials of one deployment. */
export interface AttemptTarget {
  resolved: ResolvedModel;
  deploymentName: string | null;
  credentials: ProviderCredentials;
  /** Identifies the deployment for cooldown. */
  cooldownKey: string;
}

/** One model to try, with its deployments in the order retries use them. */
export interface Candidate {
  slug: string;
  targets: AttemptTarget[];
}

export interface PlanRequest {
  model?: string;
  /** Inline router (`models`). */
  models?: string[];
  loadBalanceGroup?: { group_id: string; models?: Array<{ model: string; weight?: number; credentials?: Record<string, unknown> }> };
  fallbackModels?: string[];
  disableFallback?: boolean;
  customerCredentials?: Record<string, Record<string, unknown>>;
  credentialOverride?: Record<string, Record<string, unknown>>;
  routeProvider?: string;
}

export interface PlanContext {
  operation: Operation;
  catalog: ModelCatalog;
  providers: ProviderRegistry;
  storedCredentials(providerId: string): ProviderCredentials | undefined;
  deployments: readonly DeploymentConfig[];
  platformFallbackModels: readonly string[];
  loadBalanceGroup(groupId: string): LoadBalanceGroupConfig | undefined;
  cooldowns: CooldownStore;
  random?: () => number;
}

/**
 * The ordered plan for a request (contract §4, issue 7): the model, or one picked from the inline
 * `models` list or a load-balance group, then the request's `fallback_models`, else the platform's;
 * `disable_fallback` drops both. The primary model must resolve (404 otherwise); a fallback that
 * cannot be served here is left out rather than failing the request.
 */
export function buildPlan(request: PlanRequest, context: PlanContext): Candidate[] {
  const primaries = primaryModels(request, context);
  const fallbacks = request.disableFallback === true ? [] : request.fallbackModels ?? (request.model !== undefined && request.models !== undefined ? request.models : context.platformFallbackModels);
  const plan: Candidate[] = [];
  const seen = new Set<string>();
  for (const [index, primary] of primaries.entries()) {
    if (seen.has(primary.model)) continue;
    seen.add(primary.model);
    // Only the first primary's failure to resolve is the client's error; the rest are alternatives.
    const candidate = index === 0 ? candidateFor(primary, request, context) : tryCandidate(primary, request, context);
    if (candidate !== undefined) plan.push(candidate);
  }
  for (const model of fallbacks) {
    if (seen.has(model)) continue;
    seen.add(model);
    const candidate = tryCandidate({ model }, request, context);
    if (candidate !== undefined) plan.push(candidate);
  }
  return plan;
}

interface PrimaryModel {
  model: string;
  credentials?: Record<string, unknown>;
}

function primaryModels(request: PlanRequest, context: PlanContext): PrimaryModel[] {
  const random = context.random ?? Math.random;
  if (request.loadBalanceGroup !== undefined) {
    const group = request.loadBalanceGroup;
    const members = group.models ?? context.loadBalanceGroup(group.group_id)?.models;
    if (members === undefined || members.length === 0) {
      throw new GatewayError({ status: 400, message: `Unknown load balance group '${group.group_id}'`, param: 'load_balance_group', code: 'unknown_load_balance_group' });
    }
    return orderWeighted(members, (member) => member.weight ?? 1, random).map((member) => ({ model: member.model, credentials: member.credentials }));
  }
  if (request.model !== undefined && request.model !== '') return [{ model: request.model }];
  if (request.models !== undefined && request.models.length > 0) {
    return orderWeighted(request.models, () => 1, random).map((model) => ({ model }));
  }
  throw new GatewayError({ status: 400, message: 'you must provide a model parameter', param: 'model', code: 'missing_required_parameter' });
}

function tryCandidate(primary: PrimaryModel, request: PlanRequest, context: PlanContext): Candidate | undefined {
  try {
    return candidateFor(primary, request, context);
  } catch {
    return undefined;
  }
}

function candidateFor(primary: PrimaryModel, request: PlanRequest, context: PlanContext): Candidate {
  const resolved = resolveModel(primary.model, { catalog: context.catalog, providers: context.providers, operation: context.operation, routeProvider: request.routeProvider });
  const provider = resolved.provider;
  const fromRequest = requestCredentialsFor({
    slug: primary.model, modelName: resolved.modelName, provider, stored: context.storedCredentials(provider.id),
    customerCredentials: primary.credentials === undefined ? request.customerCredentials : { [provider.id]: primary.credentials },
    credentialOverride: request.credentialOverride,
  });
  if (fromRequest !== undefined) {
    return { slug: primary.model, targets: [{ resolved, deploymentName: null, credentials: fromRequest, cooldownKey: `request:${provider.id}` }] };
  }
  const deployments = deploymentsFor(resolved, context);
  if (deployments.length === 0) {
    const credentials = selectCredentials({ slug: primary.model, modelName: resolved.modelName, provider, stored: context.storedCredentials(provider.id) });
    return { slug: primary.model, targets: [{ resolved, deploymentName: null, credentials, cooldownKey: provider.id }] };
  }
  return { slug: primary.model, targets: deployments };
}

/**
 * The provider's own credentials (weight 1) and its configured deployments that serve this model,
 * in weighted order with cooled-down ones last (they are used only when nothing healthy is left).
 */
function deploymentsFor(resolved: ResolvedModel, context: PlanContext): AttemptTarget[] {
  const provider = resolved.provider;
  const options: Array<{ target: AttemptTarget; weight: number }> = [];
  const own = context.storedCredentials(provider.id);
  if (own !== undefined) options.push({ target: { resolved, deploymentName: null, credentials: own, cooldownKey: provider.id }, weight: 1 });
  for (const deployment of context.deployments) {
    if (deployment.provider !== provider.id) continue;
    if (deployment.availableModels !== undefined && !deployment.availableModels.includes(resolved.modelName) && !deployment.availableModels.includes(resolved.upstreamModel)) continue;
    options.push({
      target: { resolved, deploymentName: deployment.name, credentials: { ...own, ...deployment.credentials }, cooldownKey: `${provider.id}:${deployment.name}` },
      weight: deployment.weight,
    });
  }
  if (options.length <= 1) return options.map((option) => option.target);
  const ordered = orderWeighted(options, (option) => option.weight, context.random ?? Math.random).map((option) => option.target);
  const healthy = ordered.filter((target) => !context.cooldowns.isCoolingDown(target.cooldownKey));
  return healthy.length === ordered.length ? ordered : [...healthy, ...ordered.filter((target) => !healthy.includes(target))];
}
