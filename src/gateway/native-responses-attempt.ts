import type { StreamEvent } from '../dialects/dialect.ts';
import type { ResponsesRequest, ResponsesResponse } from '../dialects/openai-responses/index.ts';
import { UpstreamError } from '../errors/upstream-error.ts';
import type { AttemptTarget } from '../routing/build-plan.ts';
import { toUpstreamError, type UpstreamHttpClient } from '../upstream/http-client.ts';
import { readServerSentEvents } from '../upstream/server-sent-events.ts';
import { callProvider, parseUpstreamJson, readUpstreamText } from './call-provider.ts';

export interface NativeResponsesOptions {
  client: UpstreamHttpClient;
  target: AttemptTarget;
  request: ResponsesRequest;
  signal: AbortSignal;
}

/** Stream events that end an OpenAI Responses stream (it has no `[DONE]`). */
const TERMINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed', 'error']);

function send(options: NativeResponsesOptions, stream: boolean) {
  const provider = options.target.resolved.provider;
  const binding = provider.responses!;
  return callProvider({
    client: options.client, provider, operation: 'responses', upstreamModel: options.target.resolved.upstreamModel, stream,
    credentials: options.target.credentials, body: { ...options.request, model: options.target.resolved.upstreamModel },
    signal: options.signal, decodeError: (response) => binding.decodeError(response),
  });
}

/** A host that serves the Responses API itself: the body goes back to the client as received. */
export async function completeNativeResponse(options: NativeResponsesOptions): Promise<{ text: string; response: ResponsesResponse }> {
  const text = await readUpstreamText(await send(options, false));
  return { text, response: parseUpstreamJson(text) as ResponsesResponse };
}

export interface OpenedNativeResponseStream {
  /** Events read before the first output, sent first. */
  opening: StreamEvent[];
  rest: AsyncGenerator<StreamEvent>;
}

/** Opens a native Responses stream and reads up to its first output event, so an early failure can fail over. */
export async function openNativeResponseStream(options: NativeResponsesOptions): Promise<OpenedNativeResponseStream> {
  const response = await send(options, true);
  const events = untilTerminal(readServerSentEvents(response.body));
  const opening: StreamEvent[] = [];
  for (;;) {
    const next = await events.next();
    if (next.done) break;
    if (next.value.event === 'error' || next.value.event === 'response.failed') throw streamFailure(next.value);
    opening.push(next.value);
    if (next.value.event !== 'response.created' && next.value.event !== 'response.in_progress') break;
  }
  return { opening, rest: events };
}

async function* untilTerminal(events: AsyncGenerator<StreamEvent>): AsyncGenerator<StreamEvent> {
  try {
    for await (const event of events) {
      yield event;
      if (event.event !== undefined && TERMINAL_EVENTS.has(event.event)) return;
    }
  } catch (error) {
    throw toUpstreamError(error, 'body');
  }
  throw new UpstreamError({ kind: 'stream-cut', status: 502, message: 'Upstream stream ended before it was complete', code: 'upstream_stream_cut', retryable: true });
}

function streamFailure(event: StreamEvent): UpstreamError {
  let message = 'The upstream reported an error';
  try {
    const payload = JSON.parse(event.data) as { message?: string; response?: { error?: { message?: string } } };
    message = payload.response?.error?.message ?? payload.message ?? message;
  } catch { /* keep the generic message */ }
  return new UpstreamError({ kind: 'http', status: 500, message, code: 'upstream_error', retryable: true });
}
