import type { StreamEvent } from '../dialects/dialect.ts';
import type { ChatCompletion, ChatCompletionChunk, ChatUsage, EmbeddingsResponse } from '../dialects/openai-chat/types.ts';
import { responseUsageToChatUsage } from '../dialects/openai-responses/response-usage-to-chat-usage.ts';
import type { ResponsesResponse } from '../dialects/openai-responses/types.ts';

/** What every entry records about the call that produced it, for the log of a hit. */
export interface CacheEntryOrigin {
  /** Epoch milliseconds when the answer was stored. */
  storedAt: number;
  /** Provider and model of the attempt that produced the answer (the log of a hit may show them). */
  providerId?: string;
  model?: string;
  /**
   * The customer whose request wrote the entry, so erasing a customer (contract §14) also removes
   * entries written in a shared, key-wide scope: they hold that customer's prompt.
   */
  customerIdentifier?: string;
}

/**
 * A chat answer. `completion` serves plain requests; `chunks`, present when the answer was
 * streamed, are replayed as they came so a stream hit sends the same events as the original.
 * A stream request for an entry without chunks replays `chunksFromCompletion(completion)`.
 */
export interface ChatCacheEntry extends CacheEntryOrigin {
  operation: 'chat';
  completion: ChatCompletion;
  chunks?: ChatCompletionChunk[];
}

/** A Responses API answer; `events` are the wire events of a streamed answer, in order. */
export interface ResponsesCacheEntry extends CacheEntryOrigin {
  operation: 'responses';
  response: ResponsesResponse;
  events?: StreamEvent[];
}

export interface EmbeddingsCacheEntry extends CacheEntryOrigin {
  operation: 'embeddings';
  embeddings: EmbeddingsResponse;
}

export type CacheEntry = ChatCacheEntry | ResponsesCacheEntry | EmbeddingsCacheEntry;

/**
 * The tokens the cached answer cost when it was produced, in the pivot's shape, so the log of a
 * hit can show them (its cost is 0: nothing was spent).
 */
export function cacheEntryUsage(entry: CacheEntry): ChatUsage | undefined {
  switch (entry.operation) {
    case 'chat':
      return entry.completion.usage ?? undefined;
    case 'responses':
      return responseUsageToChatUsage(entry.response.usage);
    case 'embeddings': {
      const usage = entry.embeddings.usage;
      if (usage === undefined || usage === null) return undefined;
      return { prompt_tokens: usage.prompt_tokens, completion_tokens: 0, total_tokens: usage.total_tokens };
    }
  }
}
