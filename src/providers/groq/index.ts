import { defineOpenAICompatibleProvider } from '../define-openai-compatible-provider.ts';

/**
 * Groq. Reference: https://console.groq.com/docs/openai. No embeddings endpoint. Streams carry usage in
 * the terminal chunk when `stream_options.include_usage` is set (older streams: `x_groq.usage`).
 */
export const groqProvider = defineOpenAICompatibleProvider({
  id: 'groq',
  displayName: 'Groq',
  defaultBaseUrl: 'https://api.groq.com/openai/v1',
  pricingProviderId: 'groq',
});
