import type { DecodeContext } from '../dialect.ts';
import type { EmbeddingsResponse } from '../openai-chat/types.ts';
import { encodeEmbeddingBase64 } from '../openai-embeddings/embedding-base64.ts';

/**
 * Vectors in OpenAI's embeddings list shape, in the format the client asked for. Bedrock answers
 * floats only, so `base64` is encoded here (float32 little-endian, as the OpenAI SDKs decode it).
 */
export function toEmbeddingsList(
  vectors: readonly (readonly number[])[],
  options: { promptTokens: number; context: DecodeContext & { encodingFormat: 'float' | 'base64' } },
): EmbeddingsResponse {
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: options.context.encodingFormat === 'base64' ? encodeEmbeddingBase64(vector) : [...vector],
    })),
    model: options.context.requestedModel,
    usage: { prompt_tokens: options.promptTokens, total_tokens: options.promptTokens },
  };
}
