import { defineOpenAICompatibleProvider } from '../define-openai-compatible-provider.ts';

/**
 * Ollama, local. Reference: https://github.com/ollama/ollama/blob/main/docs/openai.md. Needs no key
 * (one set for a proxy in front of it is sent as a bearer token). No published prices.
 */
export const ollamaProvider = defineOpenAICompatibleProvider({
  id: 'ollama',
  displayName: 'Ollama',
  defaultBaseUrl: 'http://127.0.0.1:11434/v1',
  apiKeyRequired: false,
  embeddings: true,
});
