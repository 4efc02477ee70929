import { invalidRequest } from '../../errors/gateway-error.ts';
import type { EmbeddingsRequest } from '../openai-chat/types.ts';

/**
 * The texts of an OpenAI embeddings `input`. Bedrock's embedding models take text only, so token
 * arrays (`number[]`, `number[][]`) are a 400 naming `input`.
 */
export function readTextInputs(input: EmbeddingsRequest['input']): string[] {
  const inputs: unknown[] = typeof input === 'string' ? [input] : Array.isArray(input) ? input : [];
  if (inputs.length === 0 || !inputs.every((item) => typeof item === 'string')) {
    throw invalidRequest('Bedrock embedding models take text: input must be a string or an array of strings', 'input', 'invalid_type');
  }
  return inputs as string[];
}
