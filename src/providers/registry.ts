import { anthropicProvider } from './anthropic/index.ts';
import { azureProvider } from './azure/index.ts';
import { bedrockProvider } from './bedrock/index.ts';
import { cerebrasProvider } from './cerebras/index.ts';
import { deepSeekProvider } from './deepseek/index.ts';
import { defineOpenAICompatibleProvider } from './define-openai-compatible-provider.ts';
import { fireworksAIProvider } from './fireworks-ai/index.ts';
import { geminiProvider } from './gemini/index.ts';
import { groqProvider } from './groq/index.ts';
import { lmStudioProvider } from './lm-studio/index.ts';
import { mistralProvider } from './mistral/index.ts';
import { ollamaProvider } from './ollama/index.ts';
import { openAIProvider } from './openai/index.ts';
import { openRouterProvider } from './openrouter/index.ts';
import { perplexityProvider } from './perplexity/index.ts';
import type { Provider } from './provider.ts';
import { togetherAIProvider } from './together-ai/index.ts';
import { vertexAIProvider } from './vertex-ai/index.ts';
import { vllmProvider } from './vllm/index.ts';
import { xAIProvider } from './xai/index.ts';

/** Every built-in provider, one line each, sorted by id. This is the only list. */
export const builtInProviders: readonly Provider[] = [
  anthropicProvider,
  azureProvider,
  bedrockProvider,
  cerebrasProvider,
  deepSeekProvider,
  fireworksAIProvider,
  geminiProvider,
  groqProvider,
  lmStudioProvider,
  mistralProvider,
  ollamaProvider,
  openAIProvider,
  openRouterProvider,
  perplexityProvider,
  togetherAIProvider,
  vertexAIProvider,
  vllmProvider,
  xAIProvider,
];

export interface ProviderRegistry {
  /** The provider with this id or alias, case-insensitively. */
  resolve(idOrAlias: string): Provider | undefined;
  /** Every provider, built-in and custom, sorted by id. */
  all(): readonly Provider[];
}

export interface ProviderRegistryOptions {
  /**
   * Ids of configured providers the gateway does not know (any unknown provider with a `base_url`):
   * each becomes an OpenAI-compatible host with no default base URL and an optional key. An id that
   * names a built-in provider (or one of its aliases) keeps the built-in.
   */
  customOpenAICompatibleIds?: readonly string[];
}

/** Built once at start-up; resolving is one map lookup. */
export function createProviderRegistry(options: ProviderRegistryOptions = {}): ProviderRegistry {
  const byName = new Map<string, Provider>();
  const register = (provider: Provider): void => {
    for (const name of [provider.id, ...(provider.aliases ?? [])]) {
      const key = name.toLowerCase();
      if (byName.has(key)) throw new Error(`Provider name ${name} is registered twice`);
      byName.set(key, provider);
    }
  };
  for (const provider of builtInProviders) register(provider);
  for (const id of options.customOpenAICompatibleIds ?? []) {
    if (byName.has(id.toLowerCase())) continue;
    register(defineOpenAICompatibleProvider({ id, displayName: id, apiKeyRequired: false, embeddings: true }));
  }
  const all: readonly Provider[] = Object.freeze(
    [...new Set(byName.values())].sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0)),
  );
  return {
    resolve: (idOrAlias) => byName.get(idOrAlias) ?? byName.get(idOrAlias.toLowerCase()),
    all: () => all,
  };
}
