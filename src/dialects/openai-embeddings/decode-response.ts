import { UpstreamError } from '../../errors/upstream-error.ts';
import type { DecodeContext } from '../dialect.ts';
import type { EmbeddingsResponse } from '../openai-chat/types.ts';
import { decodeEmbeddingBase64, encodeEmbeddingBase64 } from './embedding-base64.ts';

type EmbeddingItem = EmbeddingsResponse['data'][number];

/**
 * Reads an embeddings list from an OpenAI-compatible host, leniently (missing `index`, `model` or
 * usage totals are filled in). The upstream was asked for the client's `encoding_format`; a host that
 * ignores it (answering floats to a base64 request, or the reverse) is converted, so the client
 * always gets the format it asked for.
 * Reference: https://platform.openai.com/docs/api-reference/embeddings/object
 */
export function decodeOpenAIEmbeddingsResponse(
  body: unknown,
  context: DecodeContext & { encodingFormat: 'float' | 'base64' },
): EmbeddingsResponse {
  const response = body as Partial<EmbeddingsResponse> | null;
  if (response === null || typeof response !== 'object' || !Array.isArray(response.data)) {
    throw new UpstreamError({
      kind: 'invalid-response',
      status: 502,
      message: 'The upstream returned an embeddings response without a `data` list',
      retryable: true,
    });
  }
  const usage = (response.usage ?? {}) as Partial<EmbeddingsResponse['usage']>;
  const promptTokens = typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : 0;
  return {
    ...response,
    object: 'list',
    data: response.data.map((item, position) => normalizeItem(item, position, context.encodingFormat)),
    model: typeof response.model === 'string' && response.model !== '' ? response.model : context.requestedModel,
    usage: { ...usage, prompt_tokens: promptTokens, total_tokens: typeof usage.total_tokens === 'number' ? usage.total_tokens : promptTokens },
  };
}

function normalizeItem(item: Partial<EmbeddingItem>, position: number, encodingFormat: 'float' | 'base64'): EmbeddingItem {
  const embedding = item.embedding ?? [];
  return {
    ...item,
    object: 'embedding',
    index: typeof item.index === 'number' ? item.index : position,
    embedding: encodingFormat === 'base64'
      ? (typeof embedding === 'string' ? embedding : encodeEmbeddingBase64(embedding))
      : (typeof embedding === 'string' ? decodeEmbeddingBase64(embedding) : embedding),
  };
}
