import type { DecodeContext } from '../dialect.ts';
import type { EmbeddingsRequest, EmbeddingsResponse } from '../openai-chat/types.ts';
import { readEmbeddingInputs } from './read-embedding-inputs.ts';
import { invalidEmbeddingsBody, readVector, toOpenAIEmbeddings } from './to-openai-embeddings.ts';

export interface BatchEmbedContentsRequest {
  requests: Array<{ model: string; content: { parts: Array<{ text: string }> }; outputDimensionality?: number }>;
}

/**
 * OpenAI embeddings request → Gemini API `models/{model}:batchEmbedContents`, one request per input
 * text (https://ai.google.dev/api/embeddings#method:-models.batchembedcontents). Each inner request
 * names the model again, as `models/{model}`, and must match the URL's. `dimensions` →
 * `outputDimensionality`; `encoding_format` is applied when decoding (Gemini always sends floats).
 */
export function encodeBatchEmbedContents(request: EmbeddingsRequest, options: { upstreamModel: string }): BatchEmbedContentsRequest {
  const model = options.upstreamModel.startsWith('models/') ? options.upstreamModel : `models/${options.upstreamModel}`;
  return {
    requests: readEmbeddingInputs(request).map((text) => ({
      model,
      content: { parts: [{ text }] },
      ...(request.dimensions != null ? { outputDimensionality: request.dimensions } : {}),
    })),
  };
}

/**
 * `{"embeddings": [{"values": [...]}]}` → OpenAI's list. The Gemini API reports no token usage for
 * embeddings and the decoder does not see the request's texts, so usage is 0 (the cost of Gemini
 * API embeddings is therefore not logged; Vertex AI's `:predict` does report tokens).
 */
export function decodeBatchEmbedContents(
  body: unknown,
  context: DecodeContext & { encodingFormat: 'float' | 'base64' },
): EmbeddingsResponse {
  const embeddings = (body as { embeddings?: unknown } | null)?.embeddings;
  if (!Array.isArray(embeddings)) throw invalidEmbeddingsBody('an `embeddings` list');
  const vectors = embeddings.map((embedding, position) => readVector((embedding as { values?: unknown } | null)?.values, position));
  return toOpenAIEmbeddings({ vectors, promptTokens: 0, context });
}
