import type { ChatCompletionChunk, ChatCompletionRequest } from '../dialects/openai-chat/types.ts';
import { GatewayError, invalidRequest } from '../errors/gateway-error.ts';
import { resolveModel, type ResolvedModel } from '../routing/resolve-model.ts';
import { selectCredentials } from '../routing/select-credentials.ts';
import { encodeServerSentEvent } from '../upstream/server-sent-events.ts';
import { completeChat, openChatStream, type OpenedChatStream } from './chat-attempt.ts';
import { splitGatewayParams, type GatewayParams } from './gateway-params.ts';
import type { GatewayReply } from './gateway-reply.ts';
import type { GatewayServices } from './gateway-services.ts';
import { headerValue, type RequestContext } from './request-context.ts';
import { RequestLog } from './request-log.ts';
import { StreamAccumulator } from './stream-accumulator.ts';

/**
 * POST /api/chat/completions, transport-free. Stages (see stages.ts): read gateway params →
 * resolve the model → choose credentials → attempt → respond → log after the response.
 */
export async function handleChatCompletion(services: GatewayServices, context: RequestContext, body: Record<string, unknown>): Promise<GatewayReply> {
  const log = new RequestLog(services, context, 'chat');
  try {
    const { params, body: request } = splitGatewayParams(body, gatewayParamsHeader(context));
    const chat = request as ChatCompletionRequest;
    const stream = chat.stream === true;
    log.setRequest({ params, model: typeof chat.model === 'string' ? chat.model : '', stream, prompt: chat.messages });
    validateChatRequest(chat);
    const resolved = resolveModel(chat.model, {
      catalog: services.catalog, providers: services.providers, operation: 'chat', routeProvider: headerValue(context, 'x-respan-route-provider'),
    });
    const target = { provider: resolved.provider, upstreamModel: resolved.upstreamModel, credentials: credentialsFor(services, chat.model, resolved, params) };
    const decodeContext = { requestedModel: chat.model, nowSeconds: Math.floor(Date.now() / 1000), responseId: `chatcmpl-${context.requestId}` };
    const attemptOptions = { client: services.upstream, target, request: chat, context: decodeContext, signal: context.signal };
    const attempt = log.startAttempt(resolved);
    if (stream) {
      let opened: OpenedChatStream;
      try {
        opened = await openChatStream(attemptOptions);
      } catch (error) {
        log.endAttempt(attempt, error);
        throw error;
      }
      const includeUsage = chat.stream_options?.include_usage === true;
      return { kind: 'stream', status: 200, headers: log.headers(), events: relayStream({ opened, log, attempt, includeUsage }) };
    }
    let completed;
    try {
      completed = await completeChat(attemptOptions);
    } catch (error) {
      log.endAttempt(attempt, error);
      throw error;
    }
    log.endAttempt(attempt);
    const completion = completed.completion;
    return {
      kind: 'json',
      status: 200,
      headers: log.headers(),
      body: completed.rawBody ?? JSON.stringify(completion),
      afterSend() {
        log.setResult({ usage: completion.usage, completion: completion.choices?.[0]?.message, responseModel: completion.model });
        log.succeed();
      },
    };
  } catch (error) {
    throw log.fail(error);
  }
}

export function gatewayParamsHeader(context: RequestContext): string | undefined {
  return headerValue(context, 'x-data-respan-params') ?? headerValue(context, 'x-data-keywordsai-params');
}

function validateChatRequest(request: ChatCompletionRequest): void {
  if (typeof request.model !== 'string' || request.model === '') throw invalidRequest('you must provide a model parameter', 'model', 'missing_required_parameter');
  if (!Array.isArray(request.messages) || request.messages.length === 0) {
    throw invalidRequest("'messages' must be a non-empty array", 'messages', request.messages === undefined ? 'missing_required_parameter' : 'invalid_type');
  }
}

function credentialsFor(services: GatewayServices, slug: string, resolved: ResolvedModel, params: GatewayParams) {
  return selectCredentials({
    slug,
    modelName: resolved.modelName,
    provider: resolved.provider,
    stored: services.credentials.get(resolved.provider.id),
    customerCredentials: params.customer_credentials,
    credentialOverride: params.credential_override,
  });
}

interface RelayOptions {
  opened: OpenedChatStream;
  log: RequestLog;
  attempt: ReturnType<RequestLog['startAttempt']>;
  includeUsage: boolean;
}

/**
 * Sends the stream on as OpenAI chunks. Usage is always requested upstream (for cost) but reaches
 * the client only if it asked. A failure after the first byte cannot fail over: the stream ends
 * with an error event and the log records the error. A client that leaves stops the generator,
 * which aborts the upstream read.
 */
async function* relayStream(options: RelayOptions): AsyncGenerator<string> {
  const { opened, log, attempt, includeUsage } = options;
  const accumulator = new StreamAccumulator();
  let ended = false;
  let responseModel: string | undefined;
  const send = (chunk: ChatCompletionChunk): string | undefined => {
    accumulator.add(chunk);
    responseModel ??= chunk.model;
    const outgoing = includeUsage ? chunk : withoutUsage(chunk);
    if (outgoing === undefined) return undefined;
    log.markFirstToken();
    return encodeServerSentEvent(JSON.stringify(outgoing));
  };
  try {
    for (const chunk of opened.opening) {
      const event = send(chunk);
      if (event !== undefined) yield event;
    }
    for await (const chunk of opened.rest) {
      const event = send(chunk);
      if (event !== undefined) yield event;
    }
    ended = true;
    log.endAttempt(attempt);
    log.setResult({ usage: opened.translator.usage, completion: accumulator.message(), responseModel });
    log.succeed();
    yield 'data: [DONE]\n\n';
  } catch (error) {
    ended = true;
    log.endAttempt(attempt, error);
    log.setResult({ usage: opened.translator.usage, completion: accumulator.message(), responseModel });
    const failure = log.fail(error);
    yield encodeServerSentEvent(JSON.stringify(failure.toJSON()));
  } finally {
    if (!ended) {
      // The consumer stopped early: the client disconnected.
      const gone = new GatewayError({ status: 499, message: 'Client closed the connection before the stream ended', code: 'client_disconnected' });
      log.endAttempt(attempt, gone);
      log.setResult({ usage: opened.translator.usage, completion: accumulator.message(), responseModel });
      log.fail(gone);
      await opened.rest.return(undefined);
    }
  }
}

function withoutUsage(chunk: ChatCompletionChunk): ChatCompletionChunk | undefined {
  if (!('usage' in chunk)) return chunk;
  if (chunk.usage !== null && chunk.usage !== undefined && chunk.choices.length === 0) return undefined;
  const { usage: _usage, ...rest } = chunk;
  return rest as ChatCompletionChunk;
}
