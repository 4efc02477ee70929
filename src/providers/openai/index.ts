import { defineOpenAICompatibleProvider } from '../define-openai-compatible-provider.ts';

/** OpenAI. Reference: https://platform.openai.com/docs/api-reference */
export const openAIProvider = defineOpenAICompatibleProvider({
  id: 'openai',
  displayName: 'OpenAI',
  defaultBaseUrl: 'https://api.openai.com/v1',
  pricingProviderId: 'openai',
  embeddings: true,
  responses: true,
});
