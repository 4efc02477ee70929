import { createOpenAIChatDialect, decodeOpenAIError, openAIChatDialect, type OpenAIChatWireOptions } from '../dialects/openai-chat/index.ts';
import { openAIEmbeddingsDialect } from '../dialects/openai-embeddings/index.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { checkStringField, checkUrlField, readStringField, toCredentialCheck, type CredentialErrors } from './check-credential-fields.ts';
import { normalizeBaseUrl } from './normalize-base-url.ts';
import { speaks, type Provider, type ProviderCredentials, type TargetCall, type UpstreamTarget } from './provider.ts';

/** Documented ways a host departs from OpenAI's wire format; see OpenAIChatWireOptions. */
export type OpenAICompatibleQuirks = OpenAIChatWireOptions;

export interface OpenAICompatibleProviderDefinition {
  id: string;
  displayName: string;
  /** The public endpoint, up to and including the version segment (`https://api.groq.com/openai/v1`). */
  defaultBaseUrl?: string;
  aliases?: readonly string[];
  pricingProviderId?: string;
  /** Default true; local servers (Ollama, vLLM, LM Studio) need none. */
  apiKeyRequired?: boolean;
  /** The host serves `POST {base}/embeddings`. */
  embeddings?: boolean;
  /** The host serves OpenAI's Responses API at `POST {base}/responses`. */
  responses?: boolean;
  quirks?: OpenAICompatibleQuirks;
}

/** What target() needs per credentials object, computed once (credentials objects are long-lived). */
interface ResolvedEndpoint {
  chatUrl: string;
  embeddingsUrl: string;
  responsesUrl: string;
  authorization: string | undefined;
}

/**
 * A host that speaks OpenAI chat completions (and optionally embeddings) at `{base_url}/chat/completions`
 * with `Authorization: Bearer KEY`: OpenAI itself and the many hosts that copy its API.
 * Credentials: `api_key` (required unless `apiKeyRequired: false`), `base_url` (required when there is
 * no default); other fields are allowed and ignored.
 */
export function defineOpenAICompatibleProvider(definition: OpenAICompatibleProviderDefinition): Provider {
  const apiKeyRequired = definition.apiKeyRequired ?? true;
  const defaultBaseUrl = definition.defaultBaseUrl === undefined ? undefined : normalizeBaseUrl(definition.defaultBaseUrl);
  const chatDialect = definition.quirks === undefined ? openAIChatDialect : createOpenAIChatDialect(definition.quirks);
  const endpoints = new WeakMap<ProviderCredentials, ResolvedEndpoint>();

  function resolveEndpoint(credentials: ProviderCredentials): ResolvedEndpoint {
    let endpoint = endpoints.get(credentials);
    if (endpoint !== undefined) return endpoint;
    const configuredBaseUrl = readStringField(credentials, 'base_url');
    const baseUrl = configuredBaseUrl === undefined ? defaultBaseUrl : normalizeBaseUrl(configuredBaseUrl);
    if (baseUrl === undefined) {
      throw new GatewayError({ status: 500, type: 'api_error', message: `Provider ${definition.id} has no base_url configured` });
    }
    const apiKey = readStringField(credentials, 'api_key');
    endpoint = {
      chatUrl: `${baseUrl}/chat/completions`,
      embeddingsUrl: `${baseUrl}/embeddings`,
      responsesUrl: `${baseUrl}/responses`,
      authorization: apiKey === undefined ? undefined : `Bearer ${apiKey}`,
    };
    endpoints.set(credentials, endpoint);
    return endpoint;
  }

  return {
    id: definition.id,
    aliases: definition.aliases,
    displayName: definition.displayName,
    pricingProviderId: definition.pricingProviderId,
    defaultBaseUrl,
    checkCredentials(credentials) {
      const errors: CredentialErrors = {};
      checkStringField({ credentials, field: 'api_key', required: apiKeyRequired, errors });
      checkUrlField({ credentials, field: 'base_url', required: defaultBaseUrl === undefined, errors });
      return toCredentialCheck(errors);
    },
    chat: speaks(chatDialect),
    // Absent, not undefined, when not offered: operations are present or absent (design §3).
    ...(definition.embeddings === true ? { embeddings: speaks(openAIEmbeddingsDialect) } : {}),
    ...(definition.responses === true ? { responses: { decodeError: decodeOpenAIError } } : {}),
    target(call: TargetCall): UpstreamTarget {
      const endpoint = resolveEndpoint(call.credentials);
      // A fresh headers object per call: the caller may add to it (request ids, signing).
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (endpoint.authorization !== undefined) headers.authorization = endpoint.authorization;
      const url = call.operation === 'chat' ? endpoint.chatUrl : call.operation === 'embeddings' ? endpoint.embeddingsUrl : endpoint.responsesUrl;
      return { url, headers };
    },
  };
}
