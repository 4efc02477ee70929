import { gatewayParamsHeader } from '../gateway/handle-chat-completion.ts';
import type { GatewayServices } from '../gateway/gateway-services.ts';
import type { RequestContext } from '../gateway/request-context.ts';
import { RequestLog } from '../gateway/request-log.ts';
import { googlePromptOf, handlingFor, maxOutputTokensOf, modelPathSegment, queryString, readMethodCall } from './google-passthrough-call.ts';
import type { PassthroughReply } from './passthrough-reply.ts';
import { passthroughTarget } from './passthrough-model.ts';
import { readPassthroughParams } from './read-passthrough-params.ts';
import { runPassthrough } from './run-passthrough.ts';

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
export async function handleGeminiPassthrough(services: GatewayServices, context: RequestContext, request: GeminiPassthroughRequest): Promise<PassthroughReply> {
  const log = new RequestLog(services, context, 'passthrough');
  try {
    const call = readMethodCall({ modelAndMethod: request.modelAndMethod, query: request.query, allowed: GEMINI_METHODS });
    const { params, body } = readPassthroughParams(request.body ?? {}, { header: gatewayParamsHeader(context), readMetadata: false });
    const handling = handlingFor(call);
    const prompt = googlePromptOf(body);
    log.setRequest({ params, model: call.model, stream: handling.streamFraming !== undefined, prompt });
    const target = passthroughTarget(services, { providerId: 'gemini', modelName: call.model, upstreamModel: call.model, params });
    // The provider knows the base URL and the key; the client's version, method and query are kept.
    const { url, headers } = target.resolved.provider.target({ operation: 'chat', upstreamModel: call.model, stream: false, credentials: target.credentials });
    const apiRoot = url.slice(0, url.lastIndexOf('/models/')).replace(VERSION_SUFFIX, '');
    return await runPassthrough({
      services,
      context,
      log,
      target,
      limits: { params, prompt, maxOutputTokens: maxOutputTokensOf(body) },
      request: {
        method: 'POST',
        url: `${apiRoot}/${request.version}/models/${modelPathSegment(call.model)}:${call.method}${queryString(call.query)}`,
        headers,
        body: JSON.stringify(body),
      },
      ...handling,
    });
  } catch (error) {
    throw log.fail(error);
  }
}
