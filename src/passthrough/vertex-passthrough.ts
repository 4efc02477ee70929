import { gatewayParamsHeader } from '../gateway/handle-chat-completion.ts';
import type { GatewayServices } from '../gateway/gateway-services.ts';
import type { RequestContext } from '../gateway/request-context.ts';
import { RequestLog } from '../gateway/request-log.ts';
import { googlePromptOf, handlingFor, maxOutputTokensOf, modelPathSegment, queryString, readMethodCall } from './google-passthrough-call.ts';
import type { PassthroughReply } from './passthrough-reply.ts';
import { passthroughTarget } from './passthrough-model.ts';
import { readPassthroughParams } from './read-passthrough-params.ts';
import { runPassthrough } from './run-passthrough.ts';

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
export async function handleVertexPassthrough(services: GatewayServices, context: RequestContext, request: VertexPassthroughRequest): Promise<PassthroughReply> {
  const log = new RequestLog(services, context, 'passthrough');
  try {
    const call = readMethodCall({ modelAndMethod: request.modelAndMethod, query: request.query, allowed: VERTEX_METHODS });
    const { params, body } = readPassthroughParams(request.body ?? {}, { header: gatewayParamsHeader(context), readMetadata: false });
    const handling = handlingFor(call);
    const prompt = googlePromptOf(body);
    log.setRequest({ params, model: call.model, stream: handling.streamFraming !== undefined, prompt });
    const target = passthroughTarget(services, { providerId: 'vertex_ai', modelName: call.model, upstreamModel: call.model, params });
    // The provider's target names the configured project and location; publisher and method are the client's.
    const { url, headers } = target.resolved.provider.target({ operation: 'chat', upstreamModel: call.model, stream: false, credentials: target.credentials });
    const publishersUrl = url.slice(0, url.indexOf(PATH_MARKER) + PATH_MARKER.length);
    return await runPassthrough({
      services,
      context,
      log,
      target,
      limits: { params, prompt, maxOutputTokens: maxOutputTokensOf(body) },
      request: {
        method: 'POST',
        url: `${publishersUrl}${request.publisher}/models/${modelPathSegment(call.model)}:${call.method}${queryString(call.query)}`,
        headers,
        body: JSON.stringify(body),
      },
      ...handling,
    });
  } catch (error) {
    throw log.fail(error);
  }
}
