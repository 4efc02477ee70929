import type { GatewayServices } from '../gateway/gateway-services.ts';
import type { RequestContext } from '../gateway/request-context.ts';
import { forwardGoogleCall } from './forward-google-call.ts';
import { modelPathSegment, queryString } from './google-passthrough-call.ts';
import type { PassthroughReply } from './passthrough-reply.ts';

/** What the Gemini mount serves (contract §5). */
const GEMINI_METHODS: ReadonlySet<string> = new Set(['generateContent', 'streamGenerateContent', 'countTokens', 'embedContent', 'batchEmbedContents']);

/** An API version named in a configured base URL; the client's version replaces it. */
const VERSION_SUFFIX = /\/v1(?:alpha|beta)?$/;

export interface GeminiPassthroughRequest {
  /** `v1beta` or `v1`, as the client called it. */
  version: string;
  /** `{model}:{method}`. */
  modelAndMethod: string;
  query: URLSearchParams;
  body: unknown;
}

/**
 * `POST /api/google/gemini/{v1beta|v1}/models/{model}:{method}`: forwarded to the Gemini API under
 * the same version, method and query (`alt=sse` kept), with the gateway's key in `x-goog-api-key`
 * and the client's `?key=` removed.
 */
export function handleGeminiPassthrough(services: GatewayServices, context: RequestContext, request: GeminiPassthroughRequest): Promise<PassthroughReply> {
  return forwardGoogleCall(services, context, {
    providerId: 'gemini',
    allowed: GEMINI_METHODS,
    modelAndMethod: request.modelAndMethod,
    query: request.query,
    body: request.body,
    // The provider knows the base URL and the key; the client's version, method and query are kept.
    upstreamUrl: (providerUrl, call) => {
      const apiRoot = providerUrl.slice(0, providerUrl.lastIndexOf('/models/')).replace(VERSION_SUFFIX, '');
      return `${apiRoot}/${request.version}/models/${modelPathSegment(call.model)}:${call.method}${queryString(call.query)}`;
    },
  });
}
