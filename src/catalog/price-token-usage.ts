import type { CompiledPrice, TokenRate } from './compile-model-pricing.ts';

/** Token counts in OpenAI's convention: prompt includes cached and cache-write tokens, completion includes reasoning. */
export interface PricedUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly cached_tokens?: number;
  readonly cache_creation_tokens?: number;
  readonly reasoning_tokens?: number;
}

const TOKENS_PER_MILLION = 1_000_000;

/**
 * USD for one request, with calcPrice's arithmetic: cache reads and writes are carved out of the prompt
 * only when the model prices them separately (otherwise they cost the input rate), and a tiered rate
 * is chosen by the request's total input tokens, for every priced kind of token. Where calcPrice throws
 * on inconsistent counts (cached > prompt) this clamps at zero: a log must still be written.
 */
export function priceTokenUsage(price: CompiledPrice, usage: PricedUsage): number {
  const promptTokens = usage.prompt_tokens;
  const cacheReadTokens = price.cacheRead === undefined ? 0 : (usage.cached_tokens ?? 0);
  const cacheWriteTokens = price.cacheWrite === undefined ? 0 : (usage.cache_creation_tokens ?? 0);
  const uncachedInputTokens = Math.max(0, promptTokens - cacheReadTokens - cacheWriteTokens);
  const reasoningTokens = price.outputReasoning === undefined ? 0 : Math.min(usage.reasoning_tokens ?? 0, usage.completion_tokens);
  const plainOutputTokens = Math.max(0, usage.completion_tokens - reasoningTokens);
  const tokenCost =
    uncachedInputTokens * rateFor(price.input, promptTokens) +
    cacheReadTokens * rateFor(price.cacheRead, promptTokens) +
    cacheWriteTokens * rateFor(price.cacheWrite, promptTokens) +
    plainOutputTokens * rateFor(price.output, promptTokens) +
    reasoningTokens * rateFor(price.outputReasoning, promptTokens);
  return tokenCost / TOKENS_PER_MILLION + price.perRequest;
}

function rateFor(rate: TokenRate | undefined, promptTokens: number): number {
  if (rate === undefined) return 0;
  if (typeof rate === 'number') return rate;
  let selected = rate.base;
  for (const tier of rate.tiers) if (promptTokens > tier.start) selected = tier.price;
  return selected;
}
