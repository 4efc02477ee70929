import { createAnthropicMessagesDialect } from '../../dialects/anthropic-messages/index.ts';
import type { ChatDialect } from '../../dialects/dialect.ts';
import { vertexEmbeddingsDialect } from '../../dialects/gemini-embeddings/index.ts';
import { geminiChatDialect } from '../../dialects/gemini/index.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { toCredentialCheck, type CredentialErrors } from '../check-credential-fields.ts';
import { isGeminiApiModel } from '../gemini/index.ts';
import { speaks, type Provider, type ProviderCredentials, type TargetCall, type UpstreamRequest, type UpstreamTarget } from '../provider.ts';
import { checkVertexSettings, readVertexSettings, type VertexSettings } from './read-vertex-settings.ts';
import { invalidKey, loadServiceAccountKey } from './service-account-key.ts';
import { VertexAccessTokens } from './vertex-access-tokens.ts';
import { isClaudeModel, toVertexModelId } from './vertex-model-id.ts';

/** Claude on Vertex: Anthropic's Messages format without `model`, `anthropic_version: vertex-2023-10-16`. */
const anthropicOnVertexDialect: ChatDialect = createAnthropicMessagesDialect({ bodyFlavor: 'vertex' });

const settingsByCredentials = new WeakMap<ProviderCredentials, VertexSettings>();
const accessTokens = new VertexAccessTokens();

/**
 * Google Vertex AI. Credentials `{project, location (default us-central1), credentials, base_url?}`
 * where `credentials` is a service-account key as an object, its JSON text or its file path.
 * Requests carry `Authorization: Bearer` with an OAuth token minted from the key (authorize()).
 * - Gemini: `POST {base}/v1/projects/{p}/locations/{l}/publishers/google/models/{model}:generateContent`
 *   (`:streamGenerateContent?alt=sse` for streams), the Gemini dialect;
 * - Claude: `.../publishers/anthropic/models/{model}:rawPredict` (`:streamRawPredict`), the Anthropic
 *   dialect's Vertex flavour, with Vertex model ids (`claude-sonnet-4@20250514`);
 * - embeddings: `.../publishers/google/models/{model}:predict`.
 * References: https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference,
 * https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/use-claude
 */
export const vertexAIProvider: Provider = {
  id: 'vertex_ai',
  aliases: ['google_vertex_ai'],
  displayName: 'Google Vertex AI',
  // Google's price data covers Vertex's Gemini models and Claude on Vertex.
  pricingProviderId: 'google',
  servesModel: (modelName) => isGeminiApiModel(modelName) || isClaudeModel(modelName),
  checkCredentials(credentials) {
    const errors: CredentialErrors = {};
    checkVertexSettings(credentials, errors);
    return toCredentialCheck(errors);
  },
  chat: { dialectFor: (upstreamModel) => (isClaudeModel(upstreamModel) ? anthropicOnVertexDialect : geminiChatDialect) },
  embeddings: speaks(vertexEmbeddingsDialect),
  upstreamModelFor: toVertexModelId,
  target(call: TargetCall): UpstreamTarget {
    const { publishersUrl } = settingsFor(call.credentials);
    if (publishersUrl === undefined) throw new GatewayError({ status: 500, type: 'api_error', message: 'Provider vertex_ai needs a project' });
    return {
      url: `${publishersUrl}${publisherPath(call)}`,
      headers: { 'content-type': 'application/json' },
    };
  },
  async authorize(request: UpstreamRequest, credentials: ProviderCredentials): Promise<UpstreamRequest> {
    const { keySource } = settingsFor(credentials);
    if (typeof keySource === 'string') throw invalidKey(`credentials: ${keySource}`);
    const token = await accessTokens.tokenFor(await loadServiceAccountKey(keySource));
    return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
  },
};

/** `{publisher}/models/{model}:{method}`; `@` stays literal, as Vertex writes its Claude ids. */
function publisherPath(call: TargetCall): string {
  const model = encodeURIComponent(call.upstreamModel).replaceAll('%40', '@');
  if (call.operation === 'embeddings') return `google/models/${model}:predict`;
  if (isClaudeModel(call.upstreamModel)) return `anthropic/models/${model}:${call.stream ? 'streamRawPredict' : 'rawPredict'}`;
  return `google/models/${model}:${call.stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
}

function settingsFor(credentials: ProviderCredentials): VertexSettings {
  let settings = settingsByCredentials.get(credentials);
  if (settings === undefined) {
    settings = readVertexSettings(credentials);
    settingsByCredentials.set(credentials, settings);
  }
  return settings;
}
