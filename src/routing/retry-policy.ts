import type { RetryConfig } from '../config/config.ts';

/** An upstream `Retry-After` longer than this moves on to the next candidate instead of waiting. */
export const MAX_HONOURED_RETRY_AFTER_MS = 60_000;

export interface RetryPolicy {
  enabled: boolean;
  /** Retries after the first try, per candidate. */
  retries: number;
  /** First backoff step, ms; doubles each retry. */
  baseDelayMs: number;
}

export function retryPolicyFrom(defaults: RetryConfig, requested?: { retry_enabled?: boolean; num_retries?: number; retry_after?: number }): RetryPolicy {
  const enabled = requested?.retry_enabled ?? defaults.retryEnabled;
  const retries = clampInteger(requested?.num_retries ?? defaults.numRetries, 0, 10);
  const seconds = requested?.retry_after ?? defaults.retryAfter;
  return { enabled, retries: enabled ? retries : 0, baseDelayMs: Math.max(0, Math.min(seconds, 60)) * 1000 };
}

/**
 * Delay before retry number `retry` (1-based): the upstream's own `Retry-After` when it gave one,
 * else exponential backoff from the base with "full jitter" (AWS Architecture Blog, "Exponential
 * Backoff And Jitter"), so many clients retrying together spread out. Undefined: do not wait for it,
 * move on (the upstream asked for longer than we hold a request).
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, upstreamRetryAfterMs: number | undefined, random: () => number = Math.random): number | undefined {
  if (upstreamRetryAfterMs !== undefined) return upstreamRetryAfterMs > MAX_HONOURED_RETRY_AFTER_MS ? undefined : upstreamRetryAfterMs;
  const ceiling = policy.baseDelayMs * 2 ** (retry - 1);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

function clampInteger(value: number, minimum: number, maximum: number): number {
  return Math.min(maximum, Math.max(minimum, Math.floor(Number.isFinite(value) ? value : minimum)));
}
