import { defineOpenAICompatibleProvider } from '../define-openai-compatible-provider.ts';

/**
 * vLLM, self-hosted: `base_url` is required (e.g. `http://HOST:8000/v1`); a key only when the server
 * was started with `--api-key`. Reference: https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html
 */
export const vllmProvider = defineOpenAICompatibleProvider({
  id: 'vllm',
  displayName: 'vLLM',
  apiKeyRequired: false,
  embeddings: true,
});
