import { UpstreamError } from '../../errors/upstream-error.ts';
import type { DecodeContext } from '../dialect.ts';
import type { EmbeddingsResponse } from '../openai-chat/types.ts';
import { encodeEmbeddingBase64 } from '../openai-embeddings/embedding-base64.ts';

interface OpenAIEmbeddingsParts {
  vectors: number[][];
  promptTokens: number;
  context: DecodeContext & { encodingFormat: 'float' | 'base64' };
}

/** Vectors in request order → OpenAI's embeddings list, base64 (float32 little-endian) when asked. */
export function toOpenAIEmbeddings({ vectors, promptTokens, context }: OpenAIEmbeddingsParts): EmbeddingsResponse {
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: context.encodingFormat === 'base64' ? encodeEmbeddingBase64(vector) : vector,
    })),
    model: context.requestedModel,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

/** Reads `values` as a list of numbers, or fails the attempt as an invalid response. */
export function readVector(values: unknown, position: number): number[] {
  if (!Array.isArray(values) || !values.every((value) => typeof value === 'number')) {
    throw new UpstreamError({
      kind: 'invalid-response',
      status: 502,
      message: `The upstream returned embedding ${position} without a list of numbers`,
      retryable: true,
    });
  }
  return values;
}

export function invalidEmbeddingsBody(expected: string): UpstreamError {
  return new UpstreamError({ kind: 'invalid-response', status: 502, message: `The upstream returned an embeddings body without ${expected}`, retryable: true });
}
