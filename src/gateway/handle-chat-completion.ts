import type { ChatCompletionChunk, ChatCompletionRequest } from '../dialects/openai-chat/types.ts';
import { GatewayError, invalidRequest } from '../errors/gateway-error.ts';
import type { ChatCacheEntry } from '../cache/cache-entry.ts';
import { cacheEntryUsage } from '../cache/cache-entry.ts';
import { chunksFromCompletion, completionFromChunks } from '../cache/chat-stream-conversion.ts';
import type { AttemptTarget } from '../routing/build-plan.ts';
import { pivotChunkText } from '../dialects/pivot-chunk-text.ts';
import { encodeServerSentEvent } from '../upstream/server-sent-events.ts';
import { completeChat, openChatStream, type OpenedChatStream } from './chat-attempt.ts';
import { splitGatewayParams } from './gateway-params.ts';
import type { GatewayReply } from './gateway-reply.ts';
import type { GatewayServices } from './gateway-services.ts';
import { admitLimits } from './admit-limits.ts';
import { applyPromptToChatRequest } from '../prompts/apply-prompt.ts';
import { planRequest } from './plan-request.ts';
import { cacheStageFor, type CacheStage } from './response-cache-stage.ts';
import { headerValue, type RequestContext } from './request-context.ts';
import { RequestLog } from './request-log.ts';
import { runAttempts } from './run-attempts.ts';
import { StreamAccumulator } from './stream-accumulator.ts';

/**
 * POST /api/chat/completions, transport-free. The stages, in order (design §4):
 * 1. read gateway params (authentication ran at the edge) and render a managed `prompt`;
 * 2. cache lookup: a hit answers here;
 * 3. plan: model, inline `models` or load-balance group, fallbacks, each with its credentials;
 * 4. limits: reserve on the key's and the customer's limits, or refuse with 429;
 * 5. attempts: retries with backoff, then the next candidate; a stream fails over only before its
 *    first byte;
 * 6. respond; then, after the response: log (which settles or releases the limits) and cache.
 */
export async function handleChatCompletion(services: GatewayServices, context: RequestContext, body: Record<string, unknown>): Promise<GatewayReply> {
  const log = new RequestLog(services, context, 'chat');
  try {
    const { params, body: request } = splitGatewayParams(body, gatewayParamsHeader(context));
    const applied = params.prompt === undefined ? undefined : await applyPromptToChatRequest({ prompt: params.prompt, request, resolver: services.prompts });
    const chat = applied?.request ?? request as ChatCompletionRequest;
    if (applied !== undefined) log.setPromptVersion({ promptId: applied.promptId, version: applied.version });
    const echo = applied?.echo === true ? applied.renderedMessages : undefined;
    const stream = chat.stream === true;
    log.setRequest({ params, model: typeof chat.model === 'string' ? chat.model : '', stream, prompt: chat.messages });
    validateChatRequest(chat);
    const includeUsage = chat.stream_options?.include_usage === true;
    const cache = cacheStageFor({ services, context, params, operation: 'chat', request: chat });
    const cached = await cache?.lookup();
    if (cache !== undefined && cached?.operation === 'chat') return replayCachedChat({ entry: cached, cache, log, stream, includeUsage });
    const { plan, policy, deadline } = planRequest(services, context, params, chat.model, 'chat');
    const decodeContext = { requestedModel: chat.model ?? '', nowSeconds: Math.floor(Date.now() / 1000), responseId: `chatcmpl-${context.requestId}` };
    const attemptOn = (target: AttemptTarget) => ({
      client: services.upstream, request: chat, context: decodeContext, signal: context.signal,
      target: { provider: target.resolved.provider, upstreamModel: target.resolved.upstreamModel, credentials: target.credentials },
    });
    log.holdAdmission(await admitLimits({ services, context, params, plan, prompt: chat.messages, maxOutputTokens: chat.max_completion_tokens ?? chat.max_tokens }));
    const runOptions = { plan, policy, deadline, log, cooldowns: services.cooldowns, signal: context.signal };
    const origin = (target: AttemptTarget) => ({ storedAt: Date.now(), providerId: target.resolved.provider.id, model: target.resolved.modelName, customerIdentifier: cache?.customerIdentifier });
    if (stream) {
      const { result: opened, target } = await runAttempts({ ...runOptions, attempt: (candidate) => openChatStream(attemptOn(candidate)) });
      const storeChunks = cache === undefined ? undefined : (chunks: ChatCompletionChunk[]) => cache.store({ operation: 'chat', completion: completionFromChunks(chunks), chunks, ...origin(target) });
      return { kind: 'stream', status: 200, headers: log.headers(), events: relayStream({ opened, log, includeUsage, storeChunks, echo }) };
    }
    const { result: completed, target } = await runAttempts({ ...runOptions, attempt: (candidate) => completeChat(attemptOn(candidate)) });
    const completion = completed.completion;
    return {
      kind: 'json',
      status: 200,
      headers: log.headers(),
      // `echo` (contract §12) adds the rendered prompt to the answer.
      body: echo === undefined ? completed.rawBody ?? JSON.stringify(completion) : JSON.stringify({ ...completion, prompt_message: echo }),
      afterSend() {
        log.setResult({ usage: completion.usage, completion: completion.choices?.[0]?.message, responseModel: completion.model });
        log.succeed();
        cache?.store({ operation: 'chat', completion, ...origin(target) });
      },
    };
  } catch (error) {
    throw log.fail(error);
  }
}

/** A cache hit answers in the shape asked for: a stored stream replays as a stream, and either serves a plain request. */
function replayCachedChat(options: { entry: ChatCacheEntry; cache: CacheStage; log: RequestLog; stream: boolean; includeUsage: boolean }): GatewayReply {
  const { entry, log } = options;
  log.markCacheHit({ omitLog: options.cache.omitLog, model: entry.model, providerId: entry.providerId });
  log.setResult({ usage: cacheEntryUsage(entry), completion: entry.completion.choices[0]?.message, responseModel: entry.completion.model });
  if (!options.stream) {
    return { kind: 'json', status: 200, headers: log.headers(), body: JSON.stringify(entry.completion), afterSend: () => log.succeed() };
  }
  const chunks = entry.chunks ?? chunksFromCompletion(entry.completion);
  async function* replay(): AsyncGenerator<string> {
    for (const chunk of chunks) {
      const outgoing = options.includeUsage ? chunk : withoutUsage(chunk);
      if (outgoing !== undefined) yield encodeServerSentEvent(JSON.stringify(outgoing));
    }
    log.succeed();
    yield 'data: [DONE]\n\n';
  }
  return { kind: 'stream', status: 200, headers: log.headers(), events: replay() };
}

export function gatewayParamsHeader(context: RequestContext): string | undefined {
  return headerValue(context, 'x-data-respan-params') ?? headerValue(context, 'x-data-keywordsai-params');
}

function validateChatRequest(request: ChatCompletionRequest): void {
  if (!Array.isArray(request.messages) || request.messages.length === 0) {
    throw invalidRequest("'messages' must be a non-empty array", 'messages', request.messages === undefined ? 'missing_required_parameter' : 'invalid_type');
  }
}

interface RelayOptions {
  opened: OpenedChatStream;
  log: RequestLog;
  includeUsage: boolean;
  /** Receives every chunk of a stream that completed, to cache it; a failed stream is never cached. */
  storeChunks?: (chunks: ChatCompletionChunk[]) => void;
  /** The rendered prompt, sent on the first chunk when the request asked for `echo`. */
  echo?: unknown;
}

/**
 * Sends the stream on as OpenAI chunks. Usage is always requested upstream (for cost) but reaches
 * the client only if it asked. A failure after the first byte cannot fail over: the stream ends
 * with an error event and the log records the error. A client that leaves stops the generator,
 * which aborts the upstream read.
 */
async function* relayStream(options: RelayOptions): AsyncGenerator<string> {
  const { opened, log, includeUsage } = options;
  const accumulator = new StreamAccumulator();
  const received: ChatCompletionChunk[] | undefined = options.storeChunks === undefined ? undefined : [];
  let ended = false;
  let responseModel: string | undefined;
  const settle = () => log.setResult({ usage: opened.translator.usage, completion: accumulator.message(), responseModel });
  let echo = options.echo;
  const send = (chunk: ChatCompletionChunk): string | undefined => {
    accumulator.add(chunk);
    received?.push(chunk);
    if (echo !== undefined) {
      const echoed = { ...chunk, prompt_message: echo };
      echo = undefined;
      log.markFirstToken();
      return encodeServerSentEvent(JSON.stringify(includeUsage ? echoed : withoutUsage(echoed) ?? echoed));
    }
    if (chunk.model !== '') responseModel ??= chunk.model;
    const outgoing = includeUsage ? chunk : withoutUsage(chunk);
    if (outgoing === undefined) return undefined;
    log.markFirstToken();
    const text = outgoing === chunk ? pivotChunkText.get(chunk) : undefined;
    return encodeServerSentEvent(text ?? JSON.stringify(outgoing));
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
    settle();
    log.succeed();
    if (received !== undefined) options.storeChunks!(received);
    yield 'data: [DONE]\n\n';
  } catch (error) {
    ended = true;
    settle();
    const failure = log.failAfterStart(error);
    yield encodeServerSentEvent(JSON.stringify(failure.toJSON()));
  } finally {
    if (!ended) {
      // The consumer stopped early: the client disconnected.
      settle();
      log.failAfterStart(new GatewayError({ status: 499, message: 'Client closed the connection before the stream ended', code: 'client_disconnected' }));
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
