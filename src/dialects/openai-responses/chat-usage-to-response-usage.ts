import type { ChatUsage } from '../openai-chat/types.ts';
import type { ResponsesUsage } from './types.ts';

/**
 * Chat usage → Responses usage. Cache writes travel in the pivot as
 * `prompt_tokens_details.cache_creation_tokens` (Anthropic's `cache_creation_input_tokens`); the
 * Responses API names them `input_tokens_details.cache_write_tokens`.
 * Reference: https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
export function chatUsageToResponseUsage(usage: ChatUsage): ResponsesUsage {
  const inputTokens = count(usage.prompt_tokens);
  const outputTokens = count(usage.completion_tokens);
  return {
    input_tokens: inputTokens,
    input_tokens_details: {
      cached_tokens: count(usage.prompt_tokens_details?.cached_tokens),
      cache_write_tokens: count(usage.prompt_tokens_details?.cache_creation_tokens),
    },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: count(usage.completion_tokens_details?.reasoning_tokens) },
    total_tokens: typeof usage.total_tokens === 'number' ? usage.total_tokens : inputTokens + outputTokens,
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
