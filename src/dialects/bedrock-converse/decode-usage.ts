import type { ChatUsage } from '../openai-chat/types.ts';
import type { ConverseTokenUsage } from './types.ts';

/**
 * Converse `usage` → OpenAI usage. Bedrock's `inputTokens` excludes the tokens read from or written to
 * the prompt cache (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html),
 * while OpenAI's `prompt_tokens` counts every input token, so the three are added; the cached ones are
 * named in `prompt_tokens_details` (`cache_creation_tokens` is the pivot's extension for cache writes),
 * so cost is exact. Undefined when the upstream reported no usage.
 */
export function decodeConverseUsage(usage: ConverseTokenUsage | null | undefined): ChatUsage | undefined {
  if (usage === null || usage === undefined || typeof usage !== 'object') return undefined;
  const cacheRead = count(usage.cacheReadInputTokens);
  const cacheWrite = count(usage.cacheWriteInputTokens);
  const promptTokens = count(usage.inputTokens) + cacheRead + cacheWrite;
  const completionTokens = count(usage.outputTokens);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_creation_tokens: cacheWrite },
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
