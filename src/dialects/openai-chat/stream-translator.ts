import { UpstreamError } from '../../errors/upstream-error.ts';
import type { StreamEvent, StreamTranslator } from '../dialect.ts';
import { decodeOpenAIStreamError } from './decode-error.ts';
import { normalizeChatUsage } from './decode-response.ts';
import type { ChatCompletionChunk, ChatUsage } from './types.ts';
import { pivotChunkText } from '../pivot-chunk-text.ts';

/**
 * Reads an OpenAI-compatible chat stream: each `data:` event is a chat.completion.chunk, passed on as
 * parsed (one JSON.parse, no copy), until `data: [DONE]`.
 * Reference: https://platform.openai.com/docs/api-reference/chat-streaming
 *
 * Chunks with an empty `choices` are passed on untouched: the usage chunk OpenAI sends last when
 * `stream_options.include_usage` is set, and the chunk Azure sends first carrying `prompt_filter_results`.
 */
export class OpenAIChatStreamTranslator implements StreamTranslator {
  #done = false;
  #usage: ChatUsage | undefined = undefined;

  get done(): boolean {
    return this.#done;
  }

  get usage(): ChatUsage | undefined {
    return this.#usage;
  }

  onEvent(event: StreamEvent): ChatCompletionChunk[] {
    const data = event.data;
    if (data === '[DONE]') {
      this.#done = true;
      return [];
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch (error) {
      return this.#onUnparsableEvent(data, error);
    }
    if (chunk === null || typeof chunk !== 'object' || Array.isArray(chunk)) {
      throw invalidEvent(`a chat stream event is not a JSON object: ${data.slice(0, 200)}`);
    }
    const fields = chunk as Record<string, unknown>;
    // Hosts report failures after the 200 as an event carrying `error` (OpenAI, OpenRouter, vLLM) or,
    // in Mistral's and older vLLM's shape, as a top-level `"object": "error"`.
    if (fields.error || fields.object === 'error') throw decodeOpenAIStreamError(fields);
    this.#recordUsage(fields);
    pivotChunkText.set(chunk as ChatCompletionChunk, data);
    return [chunk as ChatCompletionChunk];
  }

  finish(): ChatCompletionChunk[] {
    return [];
  }

  /**
   * Usage may come on any chunk: OpenAI's last chunk (`choices: []`), the finishing chunk (Mistral),
   * the one before last (xAI), or Groq's `x_groq.usage` (its shape before it supported
   * `stream_options`). Other chunks carry `usage: null`, which must not erase what was read.
   */
  #recordUsage(fields: Record<string, unknown>): void {
    const usage = fields.usage;
    if (usage !== null && typeof usage === 'object') {
      this.#usage = normalizeChatUsage(usage);
      return;
    }
    const groqUsage = (fields.x_groq as { usage?: unknown } | null | undefined)?.usage;
    if (groqUsage !== null && typeof groqUsage === 'object') this.#usage = normalizeChatUsage(groqUsage);
  }

  /** Blank keep-alive events and a padded `[DONE]` are tolerated; anything else is a broken stream. */
  #onUnparsableEvent(data: string, cause: unknown): ChatCompletionChunk[] {
    const text = data.trim();
    if (text === '') return [];
    if (text === '[DONE]') {
      this.#done = true;
      return [];
    }
    throw invalidEvent(`a chat stream event is not valid JSON: ${text.slice(0, 200)}`, cause);
  }
}

function invalidEvent(detail: string, cause?: unknown): UpstreamError {
  return new UpstreamError({
    kind: 'invalid-response',
    status: 502,
    message: `The upstream sent ${detail}`,
    retryable: true,
    cause,
  });
}
