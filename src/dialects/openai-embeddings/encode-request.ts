import type { EmbeddingsRequest } from '../openai-chat/types.ts';

/**
 * The caller's embeddings request with the host's model id. `encoding_format`, `dimensions` and
 * `user` pass through as sent. Reference: https://platform.openai.com/docs/api-reference/embeddings/create
 */
export function encodeOpenAIEmbeddingsRequest(request: EmbeddingsRequest, options: { upstreamModel: string }): EmbeddingsRequest {
  return { ...request, model: options.upstreamModel };
}
