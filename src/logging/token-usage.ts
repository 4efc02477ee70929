import type { ChatUsage } from '../dialects/openai-chat/types.ts';

/** Token counts as logged and priced; every field a number. */
export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cached_tokens: number;
  cache_creation_tokens: number;
  reasoning_tokens: number;
}

export const NO_USAGE: TokenUsage = Object.freeze({
  prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, cached_tokens: 0, cache_creation_tokens: 0, reasoning_tokens: 0,
});

/**
 * Reads OpenAI-shaped usage leniently. Cache writes travel as `prompt_tokens_details.cache_creation_tokens`
 * (the pivot's extension for Anthropic's `cache_creation_input_tokens`), so cost stays exact.
 */
export function readTokenUsage(usage: ChatUsage | null | undefined): TokenUsage {
  if (usage === null || usage === undefined) return NO_USAGE;
  const prompt = count(usage.prompt_tokens);
  const completion = count(usage.completion_tokens);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: count(usage.total_tokens) || prompt + completion,
    cached_tokens: count(usage.prompt_tokens_details?.cached_tokens),
    cache_creation_tokens: count(usage.prompt_tokens_details?.cache_creation_tokens),
    reasoning_tokens: count(usage.completion_tokens_details?.reasoning_tokens),
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
