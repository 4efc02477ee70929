import { defineOpenAICompatibleProvider } from '../define-openai-compatible-provider.ts';

/**
 * DeepSeek. Reference: https://api-docs.deepseek.com/. Base URL without `/v1` as documented (both
 * work). Thinking text arrives as `reasoning_content`, which the pivot carries as is. No embeddings.
 */
export const deepSeekProvider = defineOpenAICompatibleProvider({
  id: 'deepseek',
  displayName: 'DeepSeek',
  defaultBaseUrl: 'https://api.deepseek.com',
  pricingProviderId: 'deepseek',
});
