import type { EmbeddingsDialect } from '../dialect.ts';
import { decodeOpenAIError } from '../openai-chat/decode-error.ts';
import { decodeOpenAIEmbeddingsResponse } from './decode-response.ts';
import { encodeOpenAIEmbeddingsRequest } from './encode-request.ts';

export { decodeEmbeddingBase64, encodeEmbeddingBase64 } from './embedding-base64.ts';

/** OpenAI `/embeddings`: the pivot for embeddings, shared by every OpenAI-compatible host. */
export const openAIEmbeddingsDialect: EmbeddingsDialect = {
  name: 'openai-embeddings',
  speaksPivot: true,
  encodeRequest: encodeOpenAIEmbeddingsRequest,
  decodeResponse: decodeOpenAIEmbeddingsResponse,
  decodeError: decodeOpenAIError,
};
