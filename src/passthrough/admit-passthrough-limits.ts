import { admitLimits } from '../gateway/admit-limits.ts';
import type { GatewayParams } from '../gateway/gateway-params.ts';
import type { GatewayServices } from '../gateway/gateway-services.ts';
import type { RequestContext } from '../gateway/request-context.ts';
import type { RequestLog } from '../gateway/request-log.ts';
import type { Candidate } from '../routing/build-plan.ts';
import type { PassthroughTarget } from './passthrough-model.ts';

export interface PassthroughLimitInput {
  params: GatewayParams;
  /** Request content whose size estimates the prompt tokens. */
  prompt: unknown;
  /** The body's output cap (`max_tokens`, `generationConfig.maxOutputTokens`), if any. */
  maxOutputTokens: unknown;
}

/**
 * The key's and the customer's limits apply to a passthrough call as to a routed one (contract §6):
 * checked and reserved before the upstream is called (a refusal is a 429 the caller renders in the
 * native shape), settled to the logged usage when the request's log is written. The plan the
 * router's limit stage reads is this call's single target.
 */
export async function admitPassthroughLimits(options: PassthroughLimitInput & {
  services: GatewayServices;
  context: RequestContext;
  log: RequestLog;
  target: PassthroughTarget;
}): Promise<void> {
  const { resolved, credentials } = options.target;
  const plan: Candidate[] = [{ slug: resolved.modelName, targets: [{ resolved, deploymentName: null, credentials, cooldownKey: resolved.provider.id }] }];
  options.log.holdAdmission(await admitLimits({
    services: options.services,
    context: options.context,
    params: options.params,
    plan,
    prompt: options.prompt,
    maxOutputTokens: options.maxOutputTokens,
  }));
}
