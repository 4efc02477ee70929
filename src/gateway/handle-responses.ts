import type { StreamEvent } from '../dialects/dialect.ts';
import type { ChatMessage } from '../dialects/openai-chat/types.ts';
import {
  chatCompletionToResponse, responseOutputToChatMessage, responsesRequestToChat, responseUsageToChatUsage,
  ResponsesStreamTranslator, type ResponsesRequest, type ResponsesResponse,
} from '../dialects/openai-responses/index.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { AttemptTarget } from '../routing/build-plan.ts';
import { encodeServerSentEvent } from '../upstream/server-sent-events.ts';
import { completeChat, openChatStream, type OpenedChatStream } from './chat-attempt.ts';
import { splitGatewayParams } from './gateway-params.ts';
import type { GatewayReply } from './gateway-reply.ts';
import type { GatewayServices } from './gateway-services.ts';
import { gatewayParamsHeader } from './handle-chat-completion.ts';
import { completeNativeResponse, openNativeResponseStream, type OpenedNativeResponseStream } from './native-responses-attempt.ts';
import { admitLimits } from './admit-limits.ts';
import { applyPromptToChatRequest } from '../prompts/apply-prompt.ts';
import { planRequest } from './plan-request.ts';
import { previousResponseTurns, responseIdForLog } from './previous-response-turns.ts';
import type { RequestContext } from './request-context.ts';
import { RequestLog } from './request-log.ts';
import { runAttempts } from './run-attempts.ts';

type OpenedResponseStream =
  | { kind: 'native'; opened: OpenedNativeResponseStream }
  | { kind: 'translated'; opened: OpenedChatStream; translator: ResponsesStreamTranslator };

/**
 * POST /api/responses (contract §4). Hosts that serve the Responses API (OpenAI, Azure) get the
 * request as is; every other host is reached through the chat pivot, with the answer translated
 * back, streams included. `previous_response_id` is the host's own for native hosts; for
 * translated ones the gateway continues the conversation stored in the earlier response's log.
 */
export async function handleResponses(services: GatewayServices, context: RequestContext, body: Record<string, unknown>): Promise<GatewayReply> {
  const log = new RequestLog(services, context, 'response');
  try {
    const { params, body: forwarded } = splitGatewayParams(body, gatewayParamsHeader(context));
    const request = params.prompt === undefined ? forwarded as ResponsesRequest : await renderPromptIntoResponsesRequest(services, log, params.prompt, forwarded as ResponsesRequest);
    const stream = request.stream === true;
    log.setRequest({ params, model: typeof request.model === 'string' ? request.model : '', stream, prompt: request.input });
    const { plan, policy, deadline } = planRequest(services, context, params, request.model, 'chat');
    const responseId = responseIdForLog(context.logId);
    const createdAt = Math.floor(Date.now() / 1000);
    let history: Promise<ChatMessage[]> | undefined;
    const translate = async () => {
      const previousTurns = request.previous_response_id ? await (history ??= previousResponseTurns(services, request.previous_response_id)) : [];
      // The log keeps the conversation without instructions, so a later response can continue it.
      log.setPrompt(responsesRequestToChat({ ...request, instructions: undefined }, { previousTurns }).messages);
      return responsesRequestToChat(request, { previousTurns });
    };
    const chatOptions = async (target: AttemptTarget) => ({
      client: services.upstream, request: await translate(), signal: context.signal,
      context: { requestedModel: request.model ?? '', nowSeconds: createdAt, responseId: `chatcmpl-${context.requestId}` },
      target: { provider: target.resolved.provider, upstreamModel: target.resolved.upstreamModel, credentials: target.credentials },
    });
    const nativeOptions = (target: AttemptTarget) => {
      log.setPrompt(request.input);
      return { client: services.upstream, target, request, signal: context.signal };
    };
    log.holdAdmission(await admitLimits({ services, context, params, plan, prompt: request.input, maxOutputTokens: request.max_output_tokens }));
    const runOptions = { plan, policy, deadline, log, cooldowns: services.cooldowns, signal: context.signal };

    if (stream) {
      const { result } = await runAttempts<OpenedResponseStream>({
        ...runOptions,
        attempt: async (target) => target.resolved.provider.responses !== undefined
          ? { kind: 'native', opened: await openNativeResponseStream(nativeOptions(target)) }
          : { kind: 'translated', opened: await openChatStream(await chatOptions(target)), translator: new ResponsesStreamTranslator({ responseId, request, createdAt }) },
      });
      const events = result.kind === 'native' ? relayNativeStream(result.opened, log) : relayTranslatedStream(result.opened, result.translator, log);
      return { kind: 'stream', status: 200, headers: log.headers(), events };
    }

    const { result } = await runAttempts<{ text: string; response: ResponsesResponse }>({
      ...runOptions,
      attempt: async (target) => {
        if (target.resolved.provider.responses !== undefined) return completeNativeResponse(nativeOptions(target));
        const { completion } = await completeChat(await chatOptions(target));
        const response = chatCompletionToResponse(completion, { responseId, request, createdAt });
        return { text: JSON.stringify(response), response };
      },
    });
    return {
      kind: 'json',
      status: 200,
      headers: log.headers(),
      body: result.text,
      afterSend() {
        settleFromResponse(log, result.response);
        log.succeed();
      },
    };
  } catch (error) {
    throw log.fail(error);
  }
}

/**
 * Respan's `prompt` parameter on the Responses API (contract §12): the version is rendered as for
 * chat, and its messages become the `input` (a string input counts as the request's own user
 * message for `messages_override_mode`); the version's model and sampling settings apply.
 */
async function renderPromptIntoResponsesRequest(services: GatewayServices, log: RequestLog, prompt: Record<string, unknown>, request: ResponsesRequest): Promise<ResponsesRequest> {
  const ownMessages = typeof request.input === 'string' ? [{ role: 'user' as const, content: request.input }] : undefined;
  const applied = await applyPromptToChatRequest({
    prompt,
    request: { ...(request.model !== undefined && { model: request.model }), ...(ownMessages !== undefined && { messages: ownMessages }) },
    resolver: services.prompts,
  });
  log.setPromptVersion({ promptId: applied.promptId, version: applied.version });
  const chat = applied.request;
  return {
    ...request,
    model: chat.model,
    input: chat.messages.map((message) => ({ role: message.role, content: typeof message.content === 'string' ? message.content : JSON.stringify(message.content ?? '') })) as ResponsesRequest['input'],
    ...(request.temperature === undefined && typeof chat.temperature === 'number' && { temperature: chat.temperature }),
    ...(request.top_p === undefined && typeof chat.top_p === 'number' && { top_p: chat.top_p }),
    ...(request.max_output_tokens === undefined && typeof (chat.max_completion_tokens ?? chat.max_tokens) === 'number' && { max_output_tokens: chat.max_completion_tokens ?? chat.max_tokens }),
  };
}

function settleFromResponse(log: RequestLog, response: ResponsesResponse | undefined): void {
  if (response === undefined) return;
  log.setResult({
    usage: response.usage ? responseUsageToChatUsage(response.usage) : undefined,
    completion: responseOutputToChatMessage(response),
    responseModel: response.model,
  });
}

/** Native events are sent on as received; the final `response.*` event carries usage for the log. */
async function* relayNativeStream(opened: OpenedNativeResponseStream, log: RequestLog): AsyncGenerator<string> {
  let final: ResponsesResponse | undefined;
  const observe = (event: StreamEvent) => {
    log.markFirstToken();
    if (event.event === 'response.completed' || event.event === 'response.incomplete') {
      try {
        final = (JSON.parse(event.data) as { response?: ResponsesResponse }).response;
      } catch { /* the client still gets the event; the log just lacks usage */ }
    }
    return encodeServerSentEvent(event.data, event.event);
  };
  yield* relay(log, async function* () {
    for (const event of opened.opening) yield observe(event);
    for await (const event of opened.rest) yield observe(event);
    settleFromResponse(log, final);
  }, () => opened.rest.return(undefined), (failure) => encodeServerSentEvent(JSON.stringify({ type: 'error', code: failure.code, message: failure.message, param: failure.param }), 'error'));
}

/** Chat chunks from a translated host become Responses events, ending in `response.completed`. */
async function* relayTranslatedStream(opened: OpenedChatStream, translator: ResponsesStreamTranslator, log: RequestLog): AsyncGenerator<string> {
  const encode = (events: ReturnType<ResponsesStreamTranslator['start']>) => events.map((event) => encodeServerSentEvent(JSON.stringify(event), event.type)).join('');
  yield* relay(log, async function* () {
    yield encode(translator.start());
    for (const chunk of opened.opening) {
      log.markFirstToken();
      yield encode(translator.onChunk(chunk));
    }
    for await (const chunk of opened.rest) {
      log.markFirstToken();
      yield encode(translator.onChunk(chunk));
    }
    yield encode(translator.finish(opened.translator.usage));
    settleFromResponse(log, translator.response);
  }, () => opened.rest.return(undefined), (failure) => encode(translator.failed({ message: failure.message, code: failure.code })));
}

/**
 * The shared shape of a relayed stream: success is logged when the source ends; a failure after
 * the first byte ends the stream with an error event; a client that leaves is logged and the
 * upstream read is stopped.
 */
async function* relay(log: RequestLog, source: () => AsyncGenerator<string>, stopUpstream: () => Promise<unknown>, errorEvent: (failure: GatewayError) => string): AsyncGenerator<string> {
  let ended = false;
  try {
    yield* source();
    ended = true;
    log.succeed();
  } catch (error) {
    ended = true;
    yield errorEvent(log.failAfterStart(error));
  } finally {
    if (!ended) {
      log.failAfterStart(new GatewayError({ status: 499, message: 'Client closed the connection before the stream ended', code: 'client_disconnected' }));
      await stopUpstream();
    }
  }
}
