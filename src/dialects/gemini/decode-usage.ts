import type { ChatUsage } from '../openai-chat/types.ts';
import type { GeminiUsageMetadata } from './types.ts';

/**
 * Gemini `usageMetadata` → OpenAI usage (https://ai.google.dev/api/generate-content#UsageMetadata).
 * Thinking is billed as output, so completion tokens are candidates plus thoughts, with the thoughts
 * also reported as `reasoning_tokens` (OpenAI counts reasoning inside completion tokens too).
 * Prompt tokens include the tool-use prompt tokens Google bills as input; `cachedContentTokenCount`
 * is part of the prompt, as OpenAI's `cached_tokens` is.
 */
export function decodeGeminiUsage(metadata: GeminiUsageMetadata | null | undefined): ChatUsage | undefined {
  if (metadata === null || typeof metadata !== 'object') return undefined;
  const promptTokens = count(metadata.promptTokenCount) + count(metadata.toolUsePromptTokenCount);
  const thoughtsTokens = count(metadata.thoughtsTokenCount);
  const completionTokens = count(metadata.candidatesTokenCount) + thoughtsTokens;
  const usage: ChatUsage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
  if (metadata.cachedContentTokenCount !== undefined) usage.prompt_tokens_details = { cached_tokens: count(metadata.cachedContentTokenCount) };
  if (metadata.thoughtsTokenCount !== undefined) usage.completion_tokens_details = { reasoning_tokens: thoughtsTokens };
  return usage;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}
