import { defineOpenAICompatibleProvider } from '../define-openai-compatible-provider.ts';

/**
 * Perplexity (Sonar). Reference: https://docs.perplexity.ai/docs/sonar/openai-compatibility. Base URL
 * without `/v1`, as documented. Responses add `citations` and `search_results`, passed through.
 */
export const perplexityProvider = defineOpenAICompatibleProvider({
  id: 'perplexity',
  displayName: 'Perplexity',
  defaultBaseUrl: 'https://api.perplexity.ai',
  pricingProviderId: 'perplexity',
});
