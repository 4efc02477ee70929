import type { CredentialCheck, Provider, ProviderCredentials } from '../providers/provider.ts';
import type { ProviderLookup } from './provider-lookup.ts';

/**
 * A stand-in registry for config tests; not used by the gateway. Providers that take an API key
 * require `api_key` as text; every provider requires `base_url`, when given, to be a URL.
 */
export function createFakeProviderLookup(): ProviderLookup {
  const providers: Provider[] = [
    fakeProvider({ id: 'anthropic', requiresApiKey: true }),
    fakeProvider({ id: 'azure', aliases: ['azure_openai'], requiresApiKey: true }),
    fakeProvider({ id: 'bedrock', requiresApiKey: false }),
    fakeProvider({ id: 'gemini', requiresApiKey: true }),
    fakeProvider({ id: 'groq', requiresApiKey: true }),
    fakeProvider({ id: 'ollama', requiresApiKey: false }),
    fakeProvider({ id: 'openai', requiresApiKey: true }),
    fakeProvider({ id: 'together_ai', aliases: ['togetherai'], requiresApiKey: true }),
    fakeProvider({ id: 'vertex_ai', aliases: ['google_vertex_ai'], requiresApiKey: false }),
  ];
  return {
    ids: providers.map((provider) => provider.id),
    resolve: (idOrAlias) =>
      providers.find((provider) => provider.id === idOrAlias || provider.aliases?.includes(idOrAlias)),
  };
}

function fakeProvider(options: { id: string; aliases?: string[]; requiresApiKey: boolean }): Provider {
  return {
    id: options.id,
    aliases: options.aliases ?? [],
    displayName: options.id,
    checkCredentials(credentials: ProviderCredentials): CredentialCheck {
      const errors: Record<string, string[]> = {};
      const apiKey = credentials.api_key;
      if (options.requiresApiKey && apiKey === undefined) errors.api_key = ['is required'];
      else if (apiKey !== undefined && typeof apiKey !== 'string') errors.api_key = ['expected text'];
      const baseUrl = credentials.base_url;
      if (baseUrl !== undefined && (typeof baseUrl !== 'string' || !URL.canParse(baseUrl))) errors.base_url = ['expected a URL'];
      return Object.keys(errors).length === 0 ? { ok: true } : { ok: false, errors };
    },
    target: () => ({ url: 'http://fake.invalid', headers: {} }),
  };
}
