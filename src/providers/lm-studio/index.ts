import { defineOpenAICompatibleProvider } from '../define-openai-compatible-provider.ts';

/** LM Studio, local. Reference: https://lmstudio.ai/docs/app/api/endpoints/openai */
export const lmStudioProvider = defineOpenAICompatibleProvider({
  id: 'lm_studio',
  displayName: 'LM Studio',
  defaultBaseUrl: 'http://127.0.0.1:1234/v1',
  apiKeyRequired: false,
  embeddings: true,
});
