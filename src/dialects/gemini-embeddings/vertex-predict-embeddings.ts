import type { DecodeContext } from '../dialect.ts';
import type { EmbeddingsRequest, EmbeddingsResponse } from '../openai-chat/types.ts';
import { readEmbeddingInputs } from './read-embedding-inputs.ts';
import { invalidEmbeddingsBody, readVector, toOpenAIEmbeddings } from './to-openai-embeddings.ts';

export interface VertexPredictEmbeddingsRequest {
  instances: Array<{ content: string }>;
  parameters?: { outputDimensionality: number };
}

interface VertexPrediction {
  embeddings?: { values?: unknown; statistics?: { token_count?: unknown; truncated?: boolean } };
}

/**
 * OpenAI embeddings request → Vertex AI text embeddings `publishers/google/models/{model}:predict`
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api):
 * one instance per input text; `dimensions` → `parameters.outputDimensionality`.
 */
export function encodeVertexPredictEmbeddings(request: EmbeddingsRequest): VertexPredictEmbeddingsRequest {
  const body: VertexPredictEmbeddingsRequest = { instances: readEmbeddingInputs(request).map((content) => ({ content })) };
  if (request.dimensions != null) body.parameters = { outputDimensionality: request.dimensions };
  return body;
}

/** `predictions[].embeddings.values` → OpenAI's list; usage is the sum of `statistics.token_count`. */
export function decodeVertexPredictEmbeddings(
  body: unknown,
  context: DecodeContext & { encodingFormat: 'float' | 'base64' },
): EmbeddingsResponse {
  const predictions = (body as { predictions?: unknown } | null)?.predictions;
  if (!Array.isArray(predictions)) throw invalidEmbeddingsBody('a `predictions` list');
  let promptTokens = 0;
  const vectors = (predictions as Array<VertexPrediction | null>).map((prediction, position) => {
    const tokens = prediction?.embeddings?.statistics?.token_count;
    if (typeof tokens === 'number' && Number.isFinite(tokens) && tokens >= 0) promptTokens += tokens;
    return readVector(prediction?.embeddings?.values, position);
  });
  return toOpenAIEmbeddings({ vectors, promptTokens, context });
}
