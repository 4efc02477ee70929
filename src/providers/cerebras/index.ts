import { defineOpenAICompatibleProvider } from '../define-openai-compatible-provider.ts';

/** Cerebras. Reference: https://inference-docs.cerebras.ai/resources/openai */
export const cerebrasProvider = defineOpenAICompatibleProvider({
  id: 'cerebras',
  displayName: 'Cerebras',
  defaultBaseUrl: 'https://api.cerebras.ai/v1',
  pricingProviderId: 'cerebras',
});
