import type { Admission, LimitedSubject } from '../limits/limit-enforcer.ts';
import type { Candidate } from '../routing/build-plan.ts';
import type { GatewayParams } from './gateway-params.ts';
import type { GatewayServices } from './gateway-services.ts';
import { customerOf, type RequestContext } from './request-context.ts';

/** Output tokens assumed when the request sets no maximum: only in-flight accounting uses it. */
const DEFAULT_OUTPUT_ESTIMATE = 256;

/**
 * The limit stage (contract §6, after the cache lookup and before any upstream call): the key's
 * and the customer's limits are checked and reserved at once; the estimate (prompt size and
 * max tokens at the first candidate's price) holds the place of this request's usage until the
 * log settles it to the real figures.
 */
export async function admitLimits(options: {
  services: GatewayServices;
  context: RequestContext;
  params: GatewayParams;
  plan: readonly Candidate[];
  /** Request content whose size estimates the prompt tokens. */
  prompt: unknown;
  maxOutputTokens: unknown;
}): Promise<Admission | undefined> {
  const { services, context } = options;
  const subjects: LimitedSubject[] = [];
  if (context.auth.keyId !== null && context.auth.limits.length > 0) {
    subjects.push({ subject: `key:${context.auth.keyId}`, kind: 'api_key', label: context.auth.keyName, limits: context.auth.limits });
  }
  const customer = customerOf(options.params).identifier;
  const customerLimits = customer === null ? undefined : services.customerLimits.get(customer);
  if (customer !== null && customerLimits !== undefined) {
    subjects.push({ subject: `customer:${customer}`, kind: 'customer', label: customer, limits: customerLimits });
  }
  if (subjects.length === 0) return undefined;
  const promptTokens = Math.ceil((JSON.stringify(options.prompt ?? '').length) / 4);
  const outputTokens = typeof options.maxOutputTokens === 'number' ? options.maxOutputTokens : DEFAULT_OUTPUT_ESTIMATE;
  const pricing = options.plan[0]?.targets[0]?.resolved.pricing;
  const cost = pricing === undefined ? 0 : (promptTokens * pricing.input_cost + outputTokens * pricing.output_cost) / 1_000_000;
  return services.limits.admit({ subjects, estimate: { tokens: promptTokens + outputTokens, cost } });
}
