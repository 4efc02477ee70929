import type { ChatUsage } from '../openai-chat/types.ts';

/**
 * Responses usage → chat usage, so a response OpenAI or Azure served natively is priced and
 * logged like any chat completion. Read leniently (upstream output): missing counts are 0.
 * Cache writes (`cache_write_tokens`) become the pivot's `prompt_tokens_details.cache_creation_tokens`.
 */
export function responseUsageToChatUsage(usage: unknown): ChatUsage | undefined {
  if (usage === null || typeof usage !== 'object') return undefined;
  const fields = usage as Record<string, unknown>;
  const inputDetails = objectOrEmpty(fields.input_tokens_details);
  const outputDetails = objectOrEmpty(fields.output_tokens_details);
  const promptTokens = count(fields.input_tokens);
  const completionTokens = count(fields.output_tokens);
  const promptDetails: { cached_tokens: number; cache_creation_tokens?: number } = {
    cached_tokens: count(inputDetails.cached_tokens),
  };
  const cacheWriteTokens = count(inputDetails.cache_write_tokens);
  if (cacheWriteTokens > 0) promptDetails.cache_creation_tokens = cacheWriteTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: typeof fields.total_tokens === 'number' ? fields.total_tokens : promptTokens + completionTokens,
    prompt_tokens_details: promptDetails,
    completion_tokens_details: { reasoning_tokens: count(outputDetails.reasoning_tokens) },
  };
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
