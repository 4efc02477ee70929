import type { ChatUsage } from '../openai-chat/types.ts';

/** Anthropic's token counts, each a plain number (absent counts are 0). */
export interface AnthropicTokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  /** `output_tokens_details.thinking_tokens`, when the API reports it. */
  thinkingTokens: number | undefined;
}

/**
 * Anthropic usage → OpenAI usage (https://docs.anthropic.com/en/api/messages#response-usage). Anthropic's
 * `input_tokens` excludes cache reads and writes, OpenAI's `prompt_tokens` includes cached tokens, so
 * prompt_tokens is the sum of the three. Cache writes travel as `prompt_tokens_details.cache_creation_tokens`
 * (the pivot's extension, read by the cost code); Anthropic's own two fields are kept at the top level
 * as well, as Respan's gateway returns them.
 */
export function mapAnthropicUsage(counts: AnthropicTokenCounts): ChatUsage {
  const promptTokens = counts.inputTokens + counts.cacheReadTokens + counts.cacheCreationTokens;
  const usage: ChatUsage = {
    prompt_tokens: promptTokens,
    completion_tokens: counts.outputTokens,
    total_tokens: promptTokens + counts.outputTokens,
    prompt_tokens_details: { cached_tokens: counts.cacheReadTokens, cache_creation_tokens: counts.cacheCreationTokens },
    cache_read_input_tokens: counts.cacheReadTokens,
    cache_creation_input_tokens: counts.cacheCreationTokens,
  };
  if (counts.thinkingTokens !== undefined) usage.completion_tokens_details = { reasoning_tokens: counts.thinkingTokens };
  return usage;
}

/** Reads a usage object leniently: missing, null or non-numeric counts are 0. */
export function readAnthropicTokenCounts(usage: unknown): AnthropicTokenCounts | undefined {
  if (usage === null || typeof usage !== 'object') return undefined;
  const fields = usage as Record<string, unknown>;
  const details = fields.output_tokens_details as { thinking_tokens?: unknown } | null | undefined;
  return {
    inputTokens: count(fields.input_tokens),
    outputTokens: count(fields.output_tokens),
    cacheReadTokens: count(fields.cache_read_input_tokens),
    cacheCreationTokens: count(fields.cache_creation_input_tokens),
    thinkingTokens: typeof details?.thinking_tokens === 'number' ? count(details.thinking_tokens) : undefined,
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
