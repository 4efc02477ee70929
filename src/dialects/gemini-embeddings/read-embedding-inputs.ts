import { invalidRequest } from '../../errors/gateway-error.ts';
import type { EmbeddingsRequest } from '../openai-chat/types.ts';

/**
 * The texts of an OpenAI embeddings request. Google's embedding endpoints take text only, so the
 * token-id forms OpenAI also accepts (`number[]`, `number[][]`) are refused with a 400 naming `input`.
 */
export function readEmbeddingInputs(request: EmbeddingsRequest): string[] {
  const input = request.input as unknown;
  const texts = typeof input === 'string' ? [input] : Array.isArray(input) ? input : undefined;
  if (texts === undefined || texts.length === 0 || !texts.every((text) => typeof text === 'string')) {
    throw invalidRequest("Google embedding models take 'input' as a string or an array of strings (not token ids)", 'input', 'invalid_value');
  }
  return texts as string[];
}
