import type { GatewayServices } from '../gateway/gateway-services.ts';
import type { RequestContext } from '../gateway/request-context.ts';
import { forwardGoogleCall } from './forward-google-call.ts';
import { modelPathSegment, queryString } from './google-passthrough-call.ts';
import type { PassthroughReply } from './passthrough-reply.ts';

/** Methods of Google's and Anthropic's publisher models this mount serves. */
const VERTEX_METHODS: ReadonlySet<string> = new Set([
  'generateContent', 'streamGenerateContent', 'countTokens', 'embedContent', 'predict', 'rawPredict', 'streamRawPredict',
]);

const PATH_MARKER = '/publishers/';

/** The Vertex model publishers whose models the gateway can reach (the path segment after `publishers/`). */
const VERTEX_PUBLISHERS = ['google', 'anthropic'] as const;
export type VertexPublisher = (typeof VERTEX_PUBLISHERS)[number];

export function isVertexPublisher(value: string): value is VertexPublisher {
  return (VERTEX_PUBLISHERS as readonly string[]).includes(value);
}

export interface VertexPassthroughRequest {
  publisher: VertexPublisher;
  modelAndMethod: string;
  query: URLSearchParams;
  body: unknown;
}

/**
 * `POST /api/google/vertexai/v1/projects/{p}/locations/{l}/publishers/{google|anthropic}/models/{model}:{method}`:
 * forwarded to Vertex AI under the gateway's configured project and location (the client's are
 * placeholders: the gateway's service account decides what it may call), with an OAuth token the
 * gateway mints from its stored service-account key.
 */
export function handleVertexPassthrough(services: GatewayServices, context: RequestContext, request: VertexPassthroughRequest): Promise<PassthroughReply> {
  return forwardGoogleCall(services, context, {
    providerId: 'vertex_ai',
    allowed: VERTEX_METHODS,
    modelAndMethod: request.modelAndMethod,
    query: request.query,
    body: request.body,
    // The provider's target names the configured project and location; publisher and method are the client's.
    upstreamUrl: (providerUrl, call) => {
      const publishersUrl = providerUrl.slice(0, providerUrl.indexOf(PATH_MARKER) + PATH_MARKER.length);
      return `${publishersUrl}${request.publisher}/models/${modelPathSegment(call.model)}:${call.method}${queryString(call.query)}`;
    },
  });
}
