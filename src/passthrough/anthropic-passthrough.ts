import { decodeAnthropicError } from '../dialects/anthropic-messages/decode-error.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { gatewayParamsHeader } from '../gateway/handle-chat-completion.ts';
import type { GatewayServices } from '../gateway/gateway-services.ts';
import { headerValue, type RequestContext } from '../gateway/request-context.ts';
import { RequestLog } from '../gateway/request-log.ts';
import { AnthropicResponseReader } from './anthropic-response-reader.ts';
import { CLAUDE_HOSTS } from './claude-hosts.ts';
import type { PassthroughReply } from './passthrough-reply.ts';
import { readPassthroughParams } from './read-passthrough-params.ts';
import { runPassthrough } from './run-passthrough.ts';

export type AnthropicOperation = 'messages' | 'count_tokens';

/**
 * `POST /api/anthropic/v1/messages` and `/v1/messages/count_tokens` (contract §5): the Messages
 * body and the client's `anthropic-*` headers go to Anthropic with the gateway's key, or to Claude
 * on Vertex AI or Bedrock when `X-Respan-Route-Provider` says so; the answer comes back as sent,
 * and one `passthrough` log records it.
 */
export async function handleAnthropicPassthrough(services: GatewayServices, context: RequestContext, options: { operation: AnthropicOperation; body: unknown }): Promise<PassthroughReply> {
  const log = new RequestLog(services, context, 'passthrough');
  try {
    const { params, body } = readPassthroughParams(options.body, { header: gatewayParamsHeader(context), readMetadata: true });
    const model = typeof body.model === 'string' ? body.model : '';
    const stream = options.operation === 'messages' && body.stream === true;
    const prompt = promptOf(body);
    log.setRequest({ params, model, stream, prompt });
    const host = claudeHostFor(services, headerValue(context, 'x-respan-route-provider'));
    const hostCall = host({ services, params, body, model, stream, operation: options.operation, anthropicHeaders: anthropicHeadersOf(context) });
    return await runPassthrough({
      services,
      context,
      log,
      target: hostCall.target,
      // count_tokens generates nothing.
      limits: { params, prompt, maxOutputTokens: options.operation === 'count_tokens' ? 0 : body.max_tokens },
      request: hostCall.request,
      reader: new AnthropicResponseReader(),
      streamFraming: stream ? 'sse' : undefined,
      reframe: hostCall.reframe,
      decodeError: decodeAnthropicError,
      nativeErrorBody: hostCall.nativeErrorBody,
    });
  } catch (error) {
    throw log.fail(error);
  }
}

function claudeHostFor(services: GatewayServices, routeProvider: string | undefined): (typeof CLAUDE_HOSTS)[string] {
  if (routeProvider === undefined || routeProvider.trim() === '') return CLAUDE_HOSTS.anthropic;
  const providerId = services.providers.resolve(routeProvider.trim())?.id;
  const host = providerId === undefined ? undefined : CLAUDE_HOSTS[providerId];
  if (host !== undefined) return host;
  throw new GatewayError({
    status: 400,
    message: `X-Respan-Route-Provider '${routeProvider}' cannot serve Anthropic Messages; use one of ${Object.keys(CLAUDE_HOSTS).join(', ')}`,
    param: 'X-Respan-Route-Provider',
    code: 'unknown_provider',
  });
}

/** Every `anthropic-*` header the client sent (version, beta, ...): Anthropic's API reads them all. */
function anthropicHeadersOf(context: RequestContext): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in context.headers) {
    if (!name.startsWith('anthropic-')) continue;
    const value = headerValue(context, name);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/** The conversation as logged: the system prompt, when there is one, as the first message. */
function promptOf(body: Record<string, unknown>): unknown {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  return body.system === undefined ? messages : [{ role: 'system', content: body.system }, ...messages];
}
