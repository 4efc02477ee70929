import { defineOpenAICompatibleProvider } from '../define-openai-compatible-provider.ts';

/**
 * OpenRouter. Reference: https://openrouter.ai/docs/api-reference/overview. Sends SSE comment lines
 * (`: OPENROUTER PROCESSING`) and reports failures after the 200 as a chunk with an `error` object
 * whose `code` is an HTTP status; usage is always included.
 */
export const openRouterProvider = defineOpenAICompatibleProvider({
  id: 'openrouter',
  displayName: 'OpenRouter',
  defaultBaseUrl: 'https://openrouter.ai/api/v1',
  pricingProviderId: 'openrouter',
  embeddings: true,
});
