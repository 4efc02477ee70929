import { defineOpenAICompatibleProvider } from '../define-openai-compatible-provider.ts';

/**
 * xAI (Grok). Reference: https://docs.x.ai/docs/api-reference. Streams put usage on the chunk before
 * the last one; the stream translator keeps usage from whichever chunk carries it.
 */
export const xAIProvider = defineOpenAICompatibleProvider({
  id: 'xai',
  displayName: 'xAI',
  defaultBaseUrl: 'https://api.x.ai/v1',
  pricingProviderId: 'x-ai',
});
