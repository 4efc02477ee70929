import { decodeConverseError } from '../bedrock-converse/decode-error.ts';
import type { EmbeddingsDialect } from '../dialect.ts';
import { decodeCohereEmbeddingsResponse, encodeCohereEmbeddingsRequest } from './cohere-embeddings.ts';
import { decodeTitanEmbeddingsResponse, encodeTitanEmbeddingsRequest } from './titan-embeddings.ts';

/**
 * Embeddings on Bedrock go through InvokeModel with each model family's own body; errors have the
 * Bedrock Runtime shape Converse shares. Amazon Titan Text Embeddings takes one text per call.
 */
export const bedrockTitanEmbeddingsDialect: EmbeddingsDialect = {
  name: 'bedrock-titan-embeddings',
  speaksPivot: false,
  encodeRequest: encodeTitanEmbeddingsRequest,
  decodeResponse: decodeTitanEmbeddingsResponse,
  decodeError: decodeConverseError,
};

/** Cohere Embed on Bedrock: batches of up to 96 texts. */
export const bedrockCohereEmbeddingsDialect: EmbeddingsDialect = {
  name: 'bedrock-cohere-embeddings',
  speaksPivot: false,
  encodeRequest: encodeCohereEmbeddingsRequest,
  decodeResponse: decodeCohereEmbeddingsResponse,
  decodeError: decodeConverseError,
};

/** The embeddings dialect for a Bedrock model id: Cohere for `cohere.embed-*` (also behind a profile prefix), Titan otherwise. */
export function bedrockEmbeddingsDialectFor(upstreamModel: string): EmbeddingsDialect {
  return upstreamModel.includes('cohere.embed') ? bedrockCohereEmbeddingsDialect : bedrockTitanEmbeddingsDialect;
}
