import { defineOpenAICompatibleProvider } from '../define-openai-compatible-provider.ts';

/**
 * Mistral AI. Reference: https://docs.mistral.ai/api/. Its request schema forbids unknown fields
 * (422 `extra_forbidden`): it rejects `stream_options` (and puts usage on the last chunk anyway) and
 * `max_completion_tokens` (it knows only `max_tokens`).
 */
export const mistralProvider = defineOpenAICompatibleProvider({
  id: 'mistral',
  displayName: 'Mistral AI',
  defaultBaseUrl: 'https://api.mistral.ai/v1',
  pricingProviderId: 'mistral',
  embeddings: true,
  quirks: { streamUsageOption: false, maxCompletionTokensAsMaxTokens: true },
});
