import { invalidRequest } from '../../errors/gateway-error.ts';
import { planReasoning } from '../anthropic-messages/plan-reasoning.ts';
import { readClaudeCapabilities } from '../anthropic-messages/read-claude-capabilities.ts';
import type { ChatCompletionRequest } from '../openai-chat/types.ts';

export interface EncodedReasoning {
  /** Model-specific fields Converse passes to the model as they are (`additionalModelRequestFields`). */
  fields: Record<string, unknown>;
  /** `inferenceConfig.maxTokens` when reasoning needs one the caller did not set. */
  maxTokens?: number;
}

/** Amazon Nova 2 takes low, medium or high (https://docs.aws.amazon.com/nova/latest/nova2-userguide/extended-thinking.html). */
const NOVA_EFFORT: Readonly<Record<string, string>> = { minimal: 'low', low: 'low', medium: 'medium', high: 'high', xhigh: 'high' };

/**
 * `reasoning_effort` (or Anthropic's own `thinking` object) → the model family's reasoning fields, which
 * Converse only takes through `additionalModelRequestFields`:
 * - Claude (`anthropic.` ids and their inference profiles): Anthropic's `thinking` (a budget, or
 *   `adaptive` with `output_config.effort` on Claude 4.6 and later), planned exactly as the Anthropic
 *   dialect plans it, so Claude thinks alike on every host. Thinking tokens count against `maxTokens`,
 *   so a request without one gets the Anthropic dialect's default plus the thinking allowance.
 * - Amazon Nova 2: `reasoningConfig: {type: "enabled", maxReasoningEffort}`.
 * Other families (Llama, Mistral, DeepSeek R1, which always reasons) take no reasoning setting through
 * Converse: `reasoning_effort` is not sent to them.
 */
export function encodeReasoning(request: ChatCompletionRequest, upstreamModel: string): EncodedReasoning {
  if (isClaude(upstreamModel)) return encodeClaudeThinking(request, upstreamModel);
  if (upstreamModel.includes('amazon.nova-2')) return encodeNovaReasoning(request.reasoning_effort);
  return { fields: {} };
}

function isClaude(upstreamModel: string): boolean {
  return upstreamModel.includes('anthropic.') || upstreamModel.includes('claude');
}

function encodeClaudeThinking(request: ChatCompletionRequest, upstreamModel: string): EncodedReasoning {
  const plan = planReasoning(request, readClaudeCapabilities(upstreamModel));
  if (plan.thinking === undefined) return { fields: {} };
  const fields: Record<string, unknown> = { thinking: plan.thinking };
  if (plan.effort !== undefined) fields.output_config = { effort: plan.effort };
  return { fields, maxTokens: plan.maxTokens };
}

function encodeNovaReasoning(effort: string | null | undefined): EncodedReasoning {
  if (effort === undefined || effort === null || effort === 'none') return { fields: {} };
  const maxReasoningEffort = NOVA_EFFORT[effort];
  if (maxReasoningEffort === undefined) {
    throw invalidRequest(`reasoning_effort must be one of none, ${Object.keys(NOVA_EFFORT).join(', ')}`, 'reasoning_effort');
  }
  return { fields: { reasoningConfig: { type: 'enabled', maxReasoningEffort } } };
}
