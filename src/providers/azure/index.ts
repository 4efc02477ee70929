import { decodeOpenAIError, openAIChatDialect } from '../../dialects/openai-chat/index.ts';
import { openAIEmbeddingsDialect } from '../../dialects/openai-embeddings/index.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { checkStringField, checkUrlField, readStringField, toCredentialCheck, type CredentialErrors } from '../check-credential-fields.ts';
import { normalizeBaseUrl } from '../normalize-base-url.ts';
import { speaks, type Provider, type ProviderCredentials, type TargetCall, type UpstreamTarget } from '../provider.ts';

/** The latest GA data-plane version (https://learn.microsoft.com/azure/ai-services/openai/reference). */
const DEFAULT_API_VERSION = '2024-10-21';

interface ResolvedEndpoint {
  /** `{api_base}/openai/deployments/`: the deployment name follows. */
  deploymentsUrl: string;
  /** `{api_base}/openai/v1/responses`. */
  responsesUrl: string;
  /** `?api-version=...`. */
  query: string;
  apiKey: string;
}

const endpoints = new WeakMap<ProviderCredentials, ResolvedEndpoint>();

/**
 * Azure OpenAI. Credentials `{api_key, api_base, api_version}` as Respan names them (`base_url` is
 * accepted for `api_base`). The upstream model is the deployment name:
 * `POST {api_base}/openai/deployments/{deployment}/chat/completions?api-version={v}` with `api-key: KEY`.
 * It speaks the OpenAI dialect; streams open with a chunk whose `choices` is empty and which carries
 * `prompt_filter_results`, and choices carry `content_filter_results`: both pass through.
 * Reference: https://learn.microsoft.com/azure/ai-services/openai/reference#chat-completions
 */
export const azureProvider: Provider = {
  id: 'azure',
  aliases: ['azure_openai'],
  displayName: 'Azure OpenAI',
  pricingProviderId: 'azure',
  checkCredentials(credentials) {
    const errors: CredentialErrors = {};
    checkStringField({ credentials, field: 'api_key', required: true, errors });
    const hasBaseUrl = readStringField(credentials, 'base_url') !== undefined;
    checkUrlField({ credentials, field: 'api_base', required: !hasBaseUrl, errors });
    checkUrlField({ credentials, field: 'base_url', required: false, errors });
    checkStringField({ credentials, field: 'api_version', required: false, errors });
    return toCredentialCheck(errors);
  },
  chat: speaks(openAIChatDialect),
  embeddings: speaks(openAIEmbeddingsDialect),
  responses: { decodeError: decodeOpenAIError },
  target(call: TargetCall): UpstreamTarget {
    const endpoint = resolveEndpoint(call.credentials);
    if (call.operation === 'responses') {
      // The Responses API lives on Azure's v1 surface, which takes no api-version; the deployment goes in `model`.
      return { url: endpoint.responsesUrl, headers: { 'content-type': 'application/json', 'api-key': endpoint.apiKey } };
    }
    const path = call.operation === 'chat' ? '/chat/completions' : '/embeddings';
    return {
      url: `${endpoint.deploymentsUrl}${encodeURIComponent(call.upstreamModel)}${path}${endpoint.query}`,
      headers: { 'content-type': 'application/json', 'api-key': endpoint.apiKey },
    };
  },
};

function resolveEndpoint(credentials: ProviderCredentials): ResolvedEndpoint {
  let endpoint = endpoints.get(credentials);
  if (endpoint !== undefined) return endpoint;
  const apiBase = readStringField(credentials, 'api_base') ?? readStringField(credentials, 'base_url');
  const apiKey = readStringField(credentials, 'api_key');
  if (apiBase === undefined || apiKey === undefined) {
    throw new GatewayError({ status: 500, type: 'api_error', message: 'Provider azure needs api_key and api_base' });
  }
  const apiVersion = readStringField(credentials, 'api_version') ?? DEFAULT_API_VERSION;
  endpoint = {
    deploymentsUrl: `${normalizeBaseUrl(apiBase)}/openai/deployments/`,
    responsesUrl: `${normalizeBaseUrl(apiBase)}/openai/v1/responses`,
    query: `?api-version=${encodeURIComponent(apiVersion)}`,
    apiKey,
  };
  endpoints.set(credentials, endpoint);
  return endpoint;
}
