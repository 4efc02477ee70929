import { gatewayParamsHeader } from '../gateway/handle-chat-completion.ts';
import type { GatewayServices } from '../gateway/gateway-services.ts';
import type { RequestContext } from '../gateway/request-context.ts';
import { RequestLog } from '../gateway/request-log.ts';
import { googlePromptOf, handlingFor, maxOutputTokensOf, readMethodCall, type GoogleMethodCall } from './google-passthrough-call.ts';
import type { PassthroughReply } from './passthrough-reply.ts';
import { passthroughTarget } from './passthrough-model.ts';
import { readPassthroughParams } from './read-passthrough-params.ts';
import { runPassthrough } from './run-passthrough.ts';

export interface GoogleCallForwarding {
  /** The gateway provider that serves the mount (its credentials and auth are used upstream). */
  providerId: string;
  /** The methods the mount serves. */
  allowed: ReadonlySet<string>;
  /** `{model}:{method}` as the client called it. */
  modelAndMethod: string;
  query: URLSearchParams;
  body: unknown;
  /** The upstream URL, from the provider's own target URL (its base, project, location) and the client's call. */
  upstreamUrl(providerUrl: string, call: GoogleMethodCall): string;
}

/**
 * What the Gemini and Vertex mounts share: the method call read from the path, gateway params
 * taken out of the body, the log opened, the provider's credentials and auth applied, the bytes
 * forwarded by `runPassthrough`.
 */
export async function forwardGoogleCall(services: GatewayServices, context: RequestContext, forwarding: GoogleCallForwarding): Promise<PassthroughReply> {
  const log = new RequestLog(services, context, 'passthrough');
  try {
    const call = readMethodCall({ modelAndMethod: forwarding.modelAndMethod, query: forwarding.query, allowed: forwarding.allowed });
    const { params, body } = readPassthroughParams(forwarding.body ?? {}, { header: gatewayParamsHeader(context), readMetadata: false });
    const handling = handlingFor(call);
    const prompt = googlePromptOf(body);
    log.setRequest({ params, model: call.model, stream: handling.streamFraming !== undefined, prompt });
    const target = passthroughTarget(services, { providerId: forwarding.providerId, modelName: call.model, upstreamModel: call.model, params });
    const { url, headers } = target.resolved.provider.target({ operation: 'chat', upstreamModel: call.model, stream: false, credentials: target.credentials });
    return await runPassthrough({
      services,
      context,
      log,
      target,
      limits: { params, prompt, maxOutputTokens: maxOutputTokensOf(body) },
      request: { method: 'POST', url: forwarding.upstreamUrl(url, call), headers, body: JSON.stringify(body) },
      ...handling,
    });
  } catch (error) {
    throw log.fail(error);
  }
}
