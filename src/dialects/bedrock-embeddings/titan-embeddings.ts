import { invalidRequest } from '../../errors/gateway-error.ts';
import { UpstreamError } from '../../errors/upstream-error.ts';
import type { DecodeContext } from '../dialect.ts';
import type { EmbeddingsRequest, EmbeddingsResponse } from '../openai-chat/types.ts';
import { toEmbeddingsList } from './embeddings-list.ts';
import { readTextInputs } from './read-text-inputs.ts';

/** The InvokeModel body of Amazon Titan Text Embeddings (v1 and v2). */
export interface TitanEmbeddingsRequest {
  inputText: string;
  /** v2 only: 256, 512 or 1024. */
  dimensions?: number;
}

/**
 * OpenAI embeddings → Titan Text Embeddings (`amazon.titan-embed-text-v2:0`, `-v1`), InvokeModel
 * `{inputText, dimensions?}` (https://docs.aws.amazon.com/bedrock/latest/userguide/titan-embedding-models.html).
 * Titan embeds one text per call; a dialect is a pure codec and cannot fan a batch out into several
 * calls, so several inputs are a 400 pointing at Cohere Embed (`cohere.embed-*`), which takes batches.
 */
export function encodeTitanEmbeddingsRequest(request: EmbeddingsRequest): TitanEmbeddingsRequest {
  const texts = readTextInputs(request.input);
  if (texts.length > 1) {
    throw invalidRequest(
      'Amazon Titan embeds one text per request: send a single input, or use a Cohere Embed model on Bedrock for batches',
      'input',
      'unsupported_batch',
    );
  }
  const body: TitanEmbeddingsRequest = { inputText: texts[0] };
  if (typeof request.dimensions === 'number') body.dimensions = request.dimensions;
  return body;
}

/** Titan answers `{embedding: number[], inputTextTokenCount}`. */
export function decodeTitanEmbeddingsResponse(body: unknown, context: DecodeContext & { encodingFormat: 'float' | 'base64' }): EmbeddingsResponse {
  const response = body as { embedding?: unknown; inputTextTokenCount?: unknown } | null;
  if (response === null || typeof response !== 'object' || !Array.isArray(response.embedding)) {
    throw new UpstreamError({ kind: 'invalid-response', status: 502, message: 'The upstream returned a Titan embeddings response without an `embedding`', retryable: true });
  }
  const tokens = typeof response.inputTextTokenCount === 'number' ? response.inputTextTokenCount : 0;
  return toEmbeddingsList([response.embedding as number[]], { promptTokens: tokens, context });
}
