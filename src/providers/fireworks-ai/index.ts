import { defineOpenAICompatibleProvider } from '../define-openai-compatible-provider.ts';

/** Fireworks AI. Reference: https://docs.fireworks.ai/tools-sdks/openai-compatibility */
export const fireworksAIProvider = defineOpenAICompatibleProvider({
  id: 'fireworks_ai',
  aliases: ['fireworks'],
  displayName: 'Fireworks AI',
  defaultBaseUrl: 'https://api.fireworks.ai/inference/v1',
  pricingProviderId: 'fireworks',
  embeddings: true,
});
