import { defineOpenAICompatibleProvider } from '../define-openai-compatible-provider.ts';

/** Together AI. Reference: https://docs.together.ai/docs/openai-api-compatibility */
export const togetherAIProvider = defineOpenAICompatibleProvider({
  id: 'together_ai',
  aliases: ['togetherai', 'together'],
  displayName: 'Together AI',
  defaultBaseUrl: 'https://api.together.xyz/v1',
  pricingProviderId: 'together',
  embeddings: true,
});
