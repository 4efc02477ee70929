import {
  bedrockPath, RETRY_AFTER_SECONDS, startAnthropicUpstream, startAzureUpstream, startBedrockUpstream, startGeminiUpstream,
  startOpenAIUpstream, startVertexUpstream, vertexPath, type RecordedUpstreamRequest, type RunningUpstream,
} from './conformance-upstreams.ts';
import { anthropicMessagesWire, bedrockConverseWire, geminiWire, openAIChatWire, type NativeWire } from './native-wire.ts';

/**
 * The providers the conformance suite runs against: one row each (two for Vertex AI, which serves
 * Gemini and Claude in different formats). Adding a provider is adding a row: how to start its mock
 * upstream and configure the gateway for it, the model to ask for, and what its documented bytes
 * say where providers legitimately differ (usage numbers, error messages).
 */

/** Token counts as the gateway reports and logs them. */
export interface ExpectedUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  cache_creation_tokens: number;
  reasoning_tokens?: number;
}

export interface ProviderSetup {
  /** Label of the `describe` block. */
  name: string;
  /** Canonical provider id, as logs carry it. */
  providerId: string;
  /** The model slug the client sends. */
  chatModel: string;
  /** The reader for the native format this provider's upstream receives. */
  wire: NativeWire;
  start(): Promise<RunningUpstream>;
  /** The path (and query) a chat call reaches upstream. */
  chatPath(stream: boolean): string;
  /** The upstream model id in the body, for formats that name it there (the others name it in the path). */
  bodyModel: string | undefined;
  /** Whether an upstream request carries this provider's authentication. */
  authorized(request: RecordedUpstreamRequest): boolean;
  /** The upstream fetches http(s) image URLs itself; else the gateway inlines the bytes. */
  fetchesImageUrls: boolean;
  /** What the rate-limit scenario returns: the upstream's message, and its Retry-After when it sends one. */
  rateLimit: { message: RegExp; retryAfter?: string };
  /**
   * The usage scenario: the request that makes the mock answer with usage that names cached tokens
   * (where the provider's documented bytes have any), and the counts they stand for.
   */
  usage: { stream: boolean; extra?: Record<string, unknown>; expected: ExpectedUsage };
}

const bearer = (token: RegExp) => (request: RecordedUpstreamRequest) => token.test(request.headers.authorization ?? '');

const anthropicStreamUsage: ExpectedUsage = { prompt_tokens: 25 + 2048 + 120, completion_tokens: 15, cached_tokens: 2048, cache_creation_tokens: 120 };
const geminiThinkingUsage: ExpectedUsage = { prompt_tokens: 1200, completion_tokens: 7 + 112, cached_tokens: 1024, cache_creation_tokens: 0, reasoning_tokens: 112 };
const geminiRateLimit = { message: /You exceeded your current quota/, retryAfter: String(RETRY_AFTER_SECONDS) };

export const providerSetups: readonly ProviderSetup[] = [
  {
    name: 'openai',
    providerId: 'openai',
    chatModel: 'gpt-4o-mini',
    wire: openAIChatWire,
    start: startOpenAIUpstream,
    chatPath: () => '/v1/chat/completions',
    bodyModel: 'gpt-4o-mini',
    authorized: bearer(/^Bearer sk-upstream-openai$/),
    fetchesImageUrls: true,
    rateLimit: { message: /Rate limit reached for gpt-4o/, retryAfter: String(RETRY_AFTER_SECONDS) },
    usage: { stream: true, expected: { prompt_tokens: 9, completion_tokens: 7, cached_tokens: 0, cache_creation_tokens: 0 } },
  },
  {
    name: 'azure',
    providerId: 'azure',
    chatModel: 'azure/gpt-4o-mini',
    wire: openAIChatWire,
    start: startAzureUpstream,
    chatPath: () => '/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21',
    bodyModel: 'gpt-4o-mini',
    authorized: (request) => request.headers['api-key'] === 'azure-upstream-key' && request.headers.authorization === undefined,
    fetchesImageUrls: true,
    rateLimit: { message: /Rate limit reached for gpt-4o/, retryAfter: String(RETRY_AFTER_SECONDS) },
    usage: { stream: true, expected: { prompt_tokens: 18, completion_tokens: 4, cached_tokens: 0, cache_creation_tokens: 0 } },
  },
  {
    name: 'anthropic',
    providerId: 'anthropic',
    chatModel: 'claude-sonnet-4-20250514',
    wire: anthropicMessagesWire,
    start: startAnthropicUpstream,
    chatPath: () => '/v1/messages',
    bodyModel: 'claude-sonnet-4-20250514',
    authorized: (request) => request.headers['x-api-key'] === 'sk-ant-upstream' && request.headers['anthropic-version'] === '2023-06-01',
    fetchesImageUrls: true,
    rateLimit: { message: /would exceed the rate limit for your organization/, retryAfter: String(RETRY_AFTER_SECONDS) },
    usage: { stream: true, expected: anthropicStreamUsage },
  },
  {
    name: 'gemini',
    providerId: 'gemini',
    chatModel: 'gemini/gemini-2.5-flash',
    wire: geminiWire,
    start: startGeminiUpstream,
    chatPath: (stream) => `/v1beta/models/gemini-2.5-flash:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
    bodyModel: undefined,
    authorized: (request) => request.headers['x-goog-api-key'] === 'gemini-upstream-key' && !request.path.includes('key='),
    fetchesImageUrls: false,
    rateLimit: geminiRateLimit,
    usage: { stream: false, extra: { reasoning_effort: 'low' }, expected: geminiThinkingUsage },
  },
  {
    name: 'vertex_ai (Gemini)',
    providerId: 'vertex_ai',
    chatModel: 'vertex_ai/gemini-2.5-flash',
    wire: geminiWire,
    start: startVertexUpstream,
    chatPath: (stream) => vertexPath('google', 'gemini-2.5-flash', stream ? 'streamGenerateContent?alt=sse' : 'generateContent'),
    bodyModel: undefined,
    authorized: bearer(/^Bearer ya29\.mock-\d+$/),
    fetchesImageUrls: false,
    rateLimit: geminiRateLimit,
    usage: { stream: false, extra: { reasoning_effort: 'low' }, expected: geminiThinkingUsage },
  },
  {
    name: 'vertex_ai (Claude)',
    providerId: 'vertex_ai',
    chatModel: 'vertex_ai/claude-sonnet-4@20250514',
    wire: anthropicMessagesWire,
    start: startVertexUpstream,
    chatPath: (stream) => vertexPath('anthropic', 'claude-sonnet-4@20250514', stream ? 'streamRawPredict' : 'rawPredict'),
    bodyModel: undefined,
    authorized: bearer(/^Bearer ya29\.mock-\d+$/),
    // Claude on Vertex AI rejects URL image sources, unlike Anthropic's API.
    fetchesImageUrls: false,
    // Vertex AI's own quota error (Google's format), not Anthropic's.
    rateLimit: geminiRateLimit,
    usage: { stream: true, expected: anthropicStreamUsage },
  },
  {
    name: 'bedrock',
    providerId: 'bedrock',
    chatModel: 'bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0',
    wire: bedrockConverseWire,
    start: startBedrockUpstream,
    chatPath: (stream) => bedrockPath('anthropic.claude-3-5-sonnet-20240620-v1:0', stream ? 'converse-stream' : 'converse'),
    bodyModel: undefined,
    // The mock recomputes each SigV4 signature and answers 403 on a mismatch; here the header's shape is checked.
    authorized: (request) => /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request/.test(request.headers.authorization ?? ''),
    fetchesImageUrls: false,
    rateLimit: { message: /Too many requests, please wait before trying again/ },
    usage: {
      stream: false,
      // The documented answer that reports prompt-cache reads and writes is the reasoning one.
      extra: { reasoning_effort: 'low' },
      expected: { prompt_tokens: 22 + 2048 + 512, completion_tokens: 78, cached_tokens: 2048, cache_creation_tokens: 512 },
    },
  },
];
