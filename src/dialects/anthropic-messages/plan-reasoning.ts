import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ChatCompletionRequest } from '../openai-chat/types.ts';
import type { ClaudeCapabilities } from './read-claude-capabilities.ts';
import type { AnthropicEffort, AnthropicThinkingConfig } from './types.ts';

/**
 * Anthropic requires `max_tokens`; OpenAI callers often leave it out. 4,096 is the largest output every
 * Claude model accepts (Claude 3 Haiku and Opus stop there), so the default never causes a 400;
 * callers who want longer answers send `max_completion_tokens`. https://docs.anthropic.com/en/docs/about-claude/models
 */
export const DEFAULT_MAX_TOKENS = 4096;

/** Anthropic's smallest thinking budget (`budget_tokens` ≥ 1,024). */
const MINIMUM_THINKING_BUDGET = 1024;

/**
 * `reasoning_effort` as a thinking budget, for models that take `budget_tokens`: the minimum for
 * `minimal`, doubling up to 16k for `high` (Anthropic suggests starting at the minimum and raising it;
 * above 32k it recommends batch processing). https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
const THINKING_BUDGET: Record<string, number> = { minimal: 1024, low: 2048, medium: 8192, high: 16384, xhigh: 32768 };

/** `reasoning_effort` as `output_config.effort`, for adaptive-thinking models (Anthropic has no `minimal`). */
const ADAPTIVE_EFFORT: Record<string, AnthropicEffort> = { minimal: 'low', low: 'low', medium: 'medium', high: 'high', xhigh: 'xhigh' };

export interface ReasoningPlan {
  maxTokens: number;
  thinking?: AnthropicThinkingConfig;
  effort?: AnthropicEffort;
}

/**
 * Decides `max_tokens`, `thinking` and `output_config.effort`. A `thinking` object the caller sends is
 * Anthropic's own and goes through unchanged; otherwise `reasoning_effort` turns thinking on, adaptive
 * with an effort on models that want it, a budget on older ones. Thinking tokens count against
 * `max_tokens` (as OpenAI's reasoning tokens count against `max_completion_tokens`), so a default
 * `max_tokens` leaves the default answer room on top of the thinking allowance, and a budget is kept
 * below a `max_tokens` the caller set.
 */
export function planReasoning(request: ChatCompletionRequest, capabilities: ClaudeCapabilities): ReasoningPlan {
  const requestedMaxTokens = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  const maxTokensParam = request.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens';
  const callerThinking = readCallerThinking(request.thinking);
  if (callerThinking !== undefined) {
    const budget = callerThinking.type === 'enabled' && typeof callerThinking.budget_tokens === 'number' ? callerThinking.budget_tokens : 0;
    return { maxTokens: requestedMaxTokens ?? DEFAULT_MAX_TOKENS + budget, thinking: callerThinking };
  }
  const effort = request.reasoning_effort as string | null | undefined;
  if (effort === undefined || effort === null || effort === 'none') return { maxTokens: requestedMaxTokens ?? DEFAULT_MAX_TOKENS };
  const allowance = THINKING_BUDGET[effort];
  if (allowance === undefined) {
    throw invalidRequest(`reasoning_effort must be one of none, ${Object.keys(THINKING_BUDGET).join(', ')}`, 'reasoning_effort');
  }
  if (capabilities.adaptiveThinking) {
    return { maxTokens: requestedMaxTokens ?? DEFAULT_MAX_TOKENS + allowance, thinking: { type: 'adaptive' }, effort: ADAPTIVE_EFFORT[effort] };
  }
  if (requestedMaxTokens === undefined) {
    return { maxTokens: DEFAULT_MAX_TOKENS + allowance, thinking: { type: 'enabled', budget_tokens: allowance } };
  }
  if (requestedMaxTokens <= MINIMUM_THINKING_BUDGET) {
    throw invalidRequest(`With reasoning_effort, ${maxTokensParam} must be above ${MINIMUM_THINKING_BUDGET} for this model (Anthropic's smallest thinking budget)`, maxTokensParam);
  }
  // Half the caller's limit at most, so thinking cannot crowd out the answer.
  const budget = Math.max(MINIMUM_THINKING_BUDGET, Math.min(allowance, Math.floor(requestedMaxTokens / 2)));
  return { maxTokens: requestedMaxTokens, thinking: { type: 'enabled', budget_tokens: budget } };
}

function readCallerThinking(value: unknown): AnthropicThinkingConfig | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || typeof (value as { type?: unknown }).type !== 'string') {
    throw invalidRequest('thinking must be an object with a type, as Anthropic documents it', 'thinking');
  }
  return value as AnthropicThinkingConfig;
}
