import type { ChatDialect, DecodeContext, StreamEvent, StreamTranslator } from '../dialects/dialect.ts';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '../dialects/openai-chat/types.ts';
import { UpstreamError } from '../errors/upstream-error.ts';
import type { Provider, ProviderCredentials } from '../providers/provider.ts';
import { toUpstreamError, type UpstreamHttpClient, type UpstreamResponse } from '../upstream/http-client.ts';
import { readServerSentEvents } from '../upstream/server-sent-events.ts';
import { inlineRemoteImages } from './inline-remote-images.ts';
import { callProvider, parseUpstreamJson, readUpstreamText } from './call-provider.ts';

export interface ChatAttemptTarget {
  provider: Provider;
  upstreamModel: string;
  credentials: ProviderCredentials;
}

export interface ChatAttemptOptions {
  client: UpstreamHttpClient;
  target: ChatAttemptTarget;
  request: ChatCompletionRequest;
  context: DecodeContext;
  signal: AbortSignal;
}

export interface CompletedChat {
  completion: ChatCompletion;
  /** The upstream body as received, when it is already the client's format. */
  rawBody: string | undefined;
}

/** A stream whose first content has arrived: failures before this point are still retryable. */
export interface OpenedChatStream {
  /** Chunks translated while waiting for the first content, to send first. */
  opening: ChatCompletionChunk[];
  /** The rest of the stream; throws an UpstreamError if the upstream fails midway. */
  rest: AsyncGenerator<ChatCompletionChunk>;
  translator: StreamTranslator;
}

function dialectOf(target: ChatAttemptTarget): ChatDialect {
  // resolveModel refuses providers without chat, so this is an invariant, not a user error.
  const binding = target.provider.chat;
  if (binding === undefined) throw new Error(`provider ${target.provider.id} has no chat dialect`);
  return binding.dialectFor(target.upstreamModel);
}

async function sendChat(options: ChatAttemptOptions, stream: boolean): Promise<UpstreamResponse> {
  const { provider, upstreamModel, credentials } = options.target;
  const dialect = dialectOf(options.target);
  const request = dialect.needsImageBytes === true ? await inlineRemoteImages(options.request, options.signal) : options.request;
  return callProvider({
    client: options.client, provider, operation: 'chat', upstreamModel, stream, credentials,
    body: dialect.encodeRequest(request, { upstreamModel, stream }), signal: options.signal,
    decodeError: (response) => dialect.decodeError(response),
  });
}

export async function completeChat(options: ChatAttemptOptions): Promise<CompletedChat> {
  const dialect = dialectOf(options.target);
  const response = await sendChat(options, false);
  const text = await readUpstreamText(response);
  const completion = dialect.decodeResponse(parseUpstreamJson(text), options.context);
  return { completion, rawBody: dialect.speaksPivot ? text : undefined };
}

/**
 * Opens a stream and reads until the first chunk that carries content (or the end), so that an
 * error in the upstream's first events can still be retried or fall back (issue 7).
 */
export async function openChatStream(options: ChatAttemptOptions): Promise<OpenedChatStream> {
  const dialect = dialectOf(options.target);
  const response = await sendChat(options, true);
  const translator = dialect.createStreamTranslator(options.context);
  const chunks = translateEvents(readEvents(dialect, response), translator);
  const opening: ChatCompletionChunk[] = [];
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    opening.push(next.value);
    if (carriesContent(next.value)) break;
  }
  return { opening, rest: chunks, translator };
}

/** Framing belongs to the dialect (design §6.6): SSE for most hosts, AWS event stream for Bedrock. */
function readEvents(dialect: ChatDialect, response: UpstreamResponse): AsyncIterable<StreamEvent> {
  return dialect.streamFraming === 'aws-event-stream' ? readAwsEvents(response.body) : readServerSentEvents(response.body);
}

/** The AWS event-stream codec loads on the first Bedrock stream, not at start-up. */
async function* readAwsEvents(body: UpstreamResponse['body']): AsyncGenerator<StreamEvent> {
  const { readAwsEventStream } = await import('../upstream/aws-event-stream.ts');
  yield* readAwsEventStream(body);
}

async function* translateEvents(events: AsyncIterable<StreamEvent>, translator: StreamTranslator): AsyncGenerator<ChatCompletionChunk> {
  try {
    for await (const event of events) {
      for (const chunk of translator.onEvent(event)) yield chunk;
      if (translator.done) break;
    }
  } catch (error) {
    throw toUpstreamError(error, 'body');
  }
  if (!translator.done) {
    throw new UpstreamError({ kind: 'stream-cut', status: 502, message: 'Upstream stream ended before it was complete', code: 'upstream_stream_cut', retryable: true });
  }
  for (const chunk of translator.finish()) yield chunk;
}

function carriesContent(chunk: ChatCompletionChunk): boolean {
  const delta = chunk.choices?.[0]?.delta;
  if (delta === undefined) return false;
  return (typeof delta.content === 'string' && delta.content !== '')
    || (typeof delta.reasoning_content === 'string' && delta.reasoning_content !== '')
    || delta.tool_calls !== undefined
    || chunk.choices[0].finish_reason !== null && chunk.choices[0].finish_reason !== undefined;
}
