import type { EmbeddingsDialect } from '../dialect.ts';
import { decodeGeminiError } from '../gemini/decode-error.ts';
import { decodeBatchEmbedContents, encodeBatchEmbedContents } from './batch-embed-contents.ts';
import { decodeVertexPredictEmbeddings, encodeVertexPredictEmbeddings } from './vertex-predict-embeddings.ts';

/** Gemini API embeddings: `models/{model}:batchEmbedContents`. Errors are Google's, as for chat. */
export const geminiEmbeddingsDialect: EmbeddingsDialect = {
  name: 'gemini-embeddings',
  speaksPivot: false,
  encodeRequest: encodeBatchEmbedContents,
  decodeResponse: decodeBatchEmbedContents,
  decodeError: decodeGeminiError,
};

/** Vertex AI text embeddings: `publishers/google/models/{model}:predict`, which reports token counts. */
export const vertexEmbeddingsDialect: EmbeddingsDialect = {
  name: 'vertex-embeddings',
  speaksPivot: false,
  encodeRequest: encodeVertexPredictEmbeddings,
  decodeResponse: decodeVertexPredictEmbeddings,
  decodeError: decodeGeminiError,
};
