import { UpstreamError } from '../../errors/upstream-error.ts';
import type { DecodeContext } from '../dialect.ts';
import type { EmbeddingsRequest, EmbeddingsResponse } from '../openai-chat/types.ts';
import { toEmbeddingsList } from './embeddings-list.ts';
import { readTextInputs } from './read-text-inputs.ts';

type CohereInputType = 'search_document' | 'search_query' | 'classification' | 'clustering';

const INPUT_TYPES: ReadonlySet<string> = new Set(['search_document', 'search_query', 'classification', 'clustering']);

/** The InvokeModel body of Cohere Embed on Bedrock. */
export interface CohereEmbeddingsRequest {
  texts: string[];
  input_type: CohereInputType;
  /** Embed v4 only. */
  output_dimension?: number;
}

/**
 * OpenAI embeddings → Cohere Embed on Bedrock (`cohere.embed-english-v3`, `cohere.embed-multilingual-v3`,
 * `cohere.embed-v4:0`), InvokeModel `{texts, input_type}`, up to 96 texts per call
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html). Cohere requires
 * `input_type`, which OpenAI has no field for: a Cohere-style `input_type` sent by the caller is used,
 * otherwise `search_document` (text to be stored and searched, the usual reason to embed).
 * `dimensions` becomes Embed v4's `output_dimension`.
 */
export function encodeCohereEmbeddingsRequest(request: EmbeddingsRequest): CohereEmbeddingsRequest {
  const inputType = typeof request.input_type === 'string' && INPUT_TYPES.has(request.input_type)
    ? request.input_type as CohereInputType
    : 'search_document';
  const body: CohereEmbeddingsRequest = { texts: readTextInputs(request.input), input_type: inputType };
  if (typeof request.dimensions === 'number') body.output_dimension = request.dimensions;
  return body;
}

/**
 * Cohere answers `{embeddings: number[][], id, response_type: "embeddings_floats", texts}`, or
 * `{embeddings: {float: number[][]}}` when typed embeddings were asked for. Bedrock reports the input
 * tokens in the `X-Amzn-Bedrock-Input-Token-Count` response header, not in this body; a body carrying
 * Cohere's `meta.billed_units.input_tokens` is read, otherwise usage is 0.
 */
export function decodeCohereEmbeddingsResponse(body: unknown, context: DecodeContext & { encodingFormat: 'float' | 'base64' }): EmbeddingsResponse {
  const response = body as { embeddings?: unknown; meta?: { billed_units?: { input_tokens?: unknown } } } | null;
  const embeddings = response?.embeddings;
  const vectors = Array.isArray(embeddings) ? embeddings : (embeddings as { float?: unknown } | null | undefined)?.float;
  if (!Array.isArray(vectors)) {
    throw new UpstreamError({ kind: 'invalid-response', status: 502, message: 'The upstream returned a Cohere embeddings response without `embeddings`', retryable: true });
  }
  const tokens = response?.meta?.billed_units?.input_tokens;
  return toEmbeddingsList(vectors as number[][], { promptTokens: typeof tokens === 'number' ? tokens : 0, context });
}
