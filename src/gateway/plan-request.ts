import type { Operation } from '../providers/provider.ts';
import { buildPlan, type Candidate } from '../routing/build-plan.ts';
import { retryPolicyFrom, type RetryPolicy } from '../routing/retry-policy.ts';
import type { GatewayParams } from './gateway-params.ts';
import type { GatewayServices } from './gateway-services.ts';
import { headerValue, type RequestContext } from './request-context.ts';

/** The plan and retry policy for one request, from its params and the settings in force now. */
export function planRequest(services: GatewayServices, context: RequestContext, params: GatewayParams, model: unknown, operation: Operation): { plan: Candidate[]; policy: RetryPolicy; deadline: number } {
  const settings = services.settings.current;
  const plan = buildPlan(
    {
      model: typeof model === 'string' && model !== '' ? model : undefined,
      models: params.models,
      loadBalanceGroup: params.load_balance_group,
      fallbackModels: params.fallback_models,
      disableFallback: params.disable_fallback,
      customerCredentials: params.customer_credentials,
      credentialOverride: params.credential_override,
      routeProvider: headerValue(context, 'x-respan-route-provider'),
    },
    {
      operation,
      catalog: services.catalog,
      providers: services.providers,
      storedCredentials: (providerId) => services.credentials.get(providerId),
      deployments: settings.deployments,
      platformFallbackModels: settings.fallbackModels,
      loadBalanceGroup: (groupId) => services.settings.loadBalanceGroup(groupId),
      cooldowns: services.cooldowns,
    },
  );
  return { plan, policy: retryPolicyFrom(settings.retries, params.retry_params), deadline: context.receivedAt + services.config.timeouts.requestS * 1000 };
}
