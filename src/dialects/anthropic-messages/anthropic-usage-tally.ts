import type { ChatUsage } from '../openai-chat/types.ts';
import { mapAnthropicUsage, readAnthropicTokenCounts, type AnthropicTokenCounts } from './map-anthropic-usage.ts';
import type { AnthropicStreamPayload, AnthropicUsage } from './types.ts';

/**
 * Usage read from native Anthropic Messages traffic, as the passthrough forwards it untouched.
 * In a stream, `message_start` carries the input side (input and cache tokens) and `message_delta`
 * carries cumulative counts: output tokens always, input and cache tokens when the API updates them
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types). A whole message
 * carries its final `usage`.
 */
export class AnthropicUsageTally {
  #counts: AnthropicTokenCounts | undefined;

  get usage(): ChatUsage | undefined {
    return this.#counts === undefined ? undefined : mapAnthropicUsage(this.#counts);
  }

  /** A non-stream Messages response body. */
  readMessage(body: unknown): void {
    const usage = (body as { usage?: unknown } | null)?.usage;
    this.#counts = readAnthropicTokenCounts(usage) ?? this.#counts;
  }

  /** One stream event's data; events other than `message_start` and `message_delta` carry no usage. */
  readEvent(payload: AnthropicStreamPayload): void {
    if (payload.type === 'message_start') this.#counts = readAnthropicTokenCounts(payload.message?.usage) ?? this.#counts;
    else if (payload.type === 'message_delta') this.#merge(payload.usage);
  }

  #merge(reported: AnthropicUsage | null | undefined): void {
    if (reported === null || typeof reported !== 'object') return;
    const counts = this.#counts ?? { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, thinkingTokens: undefined };
    if (typeof reported.output_tokens === 'number') counts.outputTokens = reported.output_tokens;
    if (typeof reported.input_tokens === 'number') counts.inputTokens = reported.input_tokens;
    if (typeof reported.cache_read_input_tokens === 'number') counts.cacheReadTokens = reported.cache_read_input_tokens;
    if (typeof reported.cache_creation_input_tokens === 'number') counts.cacheCreationTokens = reported.cache_creation_input_tokens;
    const thinkingTokens = reported.output_tokens_details?.thinking_tokens;
    if (typeof thinkingTokens === 'number') counts.thinkingTokens = thinkingTokens;
    this.#counts = counts;
  }
}
