import { anthropicMessagesDialect } from '../../dialects/anthropic-messages/index.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { checkStringField, checkUrlField, readStringField, toCredentialCheck, type CredentialErrors } from '../check-credential-fields.ts';
import { normalizeBaseUrl } from '../normalize-base-url.ts';
import { speaks, type Provider, type ProviderCredentials, type TargetCall, type UpstreamTarget } from '../provider.ts';

const DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** The API version every request names (https://docs.anthropic.com/en/api/versioning). */
const ANTHROPIC_VERSION = '2023-06-01';

interface ResolvedEndpoint {
  messagesUrl: string;
  apiKey: string;
}

const endpoints = new WeakMap<ProviderCredentials, ResolvedEndpoint>();

/**
 * Anthropic's API: `POST {base_url}/v1/messages` with `x-api-key` and `anthropic-version` headers
 * (https://docs.anthropic.com/en/api/overview). Credentials `{api_key, base_url?}`; a `base_url` given
 * with its `/v1` (as some SDKs take it) names the same endpoint. Anthropic offers no embeddings.
 */
export const anthropicProvider: Provider = {
  id: 'anthropic',
  displayName: 'Anthropic',
  pricingProviderId: 'anthropic',
  defaultBaseUrl: DEFAULT_BASE_URL,
  servesModel: (modelName) => modelName.startsWith('claude'),
  checkCredentials(credentials) {
    const errors: CredentialErrors = {};
    checkStringField({ credentials, field: 'api_key', required: true, errors });
    checkUrlField({ credentials, field: 'base_url', required: false, errors });
    return toCredentialCheck(errors);
  },
  chat: speaks(anthropicMessagesDialect),
  target(call: TargetCall): UpstreamTarget {
    const endpoint = resolveEndpoint(call.credentials);
    // A fresh headers object per call: the caller may add to it.
    return {
      url: endpoint.messagesUrl,
      headers: { 'content-type': 'application/json', 'x-api-key': endpoint.apiKey, 'anthropic-version': ANTHROPIC_VERSION },
    };
  },
};

function resolveEndpoint(credentials: ProviderCredentials): ResolvedEndpoint {
  let endpoint = endpoints.get(credentials);
  if (endpoint !== undefined) return endpoint;
  const apiKey = readStringField(credentials, 'api_key');
  if (apiKey === undefined) throw new GatewayError({ status: 500, type: 'api_error', message: 'Provider anthropic needs an api_key' });
  const baseUrl = normalizeBaseUrl(readStringField(credentials, 'base_url') ?? DEFAULT_BASE_URL).replace(/\/v1$/, '');
  endpoint = { messagesUrl: `${baseUrl}/v1/messages`, apiKey };
  endpoints.set(credentials, endpoint);
  return endpoint;
}
