import { geminiEmbeddingsDialect } from '../../dialects/gemini-embeddings/index.ts';
import { geminiChatDialect } from '../../dialects/gemini/index.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { checkStringField, checkUrlField, readStringField, toCredentialCheck, type CredentialErrors } from '../check-credential-fields.ts';
import { normalizeBaseUrl } from '../normalize-base-url.ts';
import { speaks, type Provider, type ProviderCredentials, type TargetCall, type UpstreamTarget } from '../provider.ts';

const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

interface ResolvedEndpoint {
  /** `{base}/v1beta/`: the model resource (`models/{model}`) follows. */
  versionUrl: string;
  apiKey: string;
}

const endpoints = new WeakMap<ProviderCredentials, ResolvedEndpoint>();

/**
 * The Gemini API (Google AI Studio). Credentials `{api_key, base_url?}`.
 * Chat: `POST {base}/v1beta/models/{model}:generateContent`, or `:streamGenerateContent?alt=sse` for
 * Server-Sent Events; embeddings: `:batchEmbedContents`. The key goes in the `x-goog-api-key` header,
 * never in a `?key=` query, since URLs end up in logs.
 * Reference: https://ai.google.dev/api/generate-content
 */
export const geminiProvider: Provider = {
  id: 'gemini',
  aliases: ['google', 'google_ai_studio'],
  displayName: 'Google Gemini',
  pricingProviderId: 'google',
  defaultBaseUrl: DEFAULT_BASE_URL,
  // Google's price data also prices Claude, which only Vertex AI serves.
  servesModel: (modelName) => isGeminiApiModel(modelName),
  checkCredentials(credentials) {
    const errors: CredentialErrors = {};
    checkStringField({ credentials, field: 'api_key', required: true, errors });
    checkUrlField({ credentials, field: 'base_url', required: false, errors });
    return toCredentialCheck(errors);
  },
  chat: speaks(geminiChatDialect),
  embeddings: speaks(geminiEmbeddingsDialect),
  target(call: TargetCall): UpstreamTarget {
    const endpoint = resolveEndpoint(call.credentials);
    const method = call.operation === 'embeddings' ? 'batchEmbedContents' : call.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
    return {
      url: `${endpoint.versionUrl}${modelResource(call.upstreamModel)}:${method}`,
      headers: { 'content-type': 'application/json', 'x-goog-api-key': endpoint.apiKey },
    };
  },
};

/** Gemini, Gemma and embedding models: what the Gemini API serves from Google's price list. */
export function isGeminiApiModel(modelName: string): boolean {
  const name = modelName.replace(/^models\//, '');
  return /^(gemini|gemma)-/.test(name) || name.includes('embedding');
}

/** `gemini-2.5-flash` → `models/gemini-2.5-flash`; `models/...` and `tunedModels/...` stay as they are. */
function modelResource(upstreamModel: string): string {
  if (/^(models|tunedModels)\//.test(upstreamModel)) return upstreamModel;
  return `models/${encodeURIComponent(upstreamModel)}`;
}

function resolveEndpoint(credentials: ProviderCredentials): ResolvedEndpoint {
  let endpoint = endpoints.get(credentials);
  if (endpoint !== undefined) return endpoint;
  const apiKey = readStringField(credentials, 'api_key');
  if (apiKey === undefined) throw new GatewayError({ status: 500, type: 'api_error', message: 'Provider gemini needs an api_key' });
  const baseUrl = normalizeBaseUrl(readStringField(credentials, 'base_url') ?? DEFAULT_BASE_URL);
  // A base URL that already names the API version (`.../v1beta`, `.../v1`) is used as given.
  endpoint = { versionUrl: /\/v1(beta|alpha)?$/.test(baseUrl) ? `${baseUrl}/` : `${baseUrl}/v1beta/`, apiKey };
  endpoints.set(credentials, endpoint);
  return endpoint;
}
