import type { ChatCompletionChunk } from './openai-chat/types.ts';

/**
 * The JSON text an upstream sent for a chunk that is already in the pivot format (OpenAI and
 * compatible hosts). A relay that passes the chunk on unchanged sends this text instead of
 * serialising the parsed object again: the client gets the upstream's bytes, and a stream event
 * costs one JSON.parse instead of a parse and a stringify.
 */
export const pivotChunkText = new WeakMap<ChatCompletionChunk, string>();
