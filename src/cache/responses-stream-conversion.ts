import type { StreamEvent } from '../dialects/dialect.ts';
import type { ChatCompletion, FinishReason } from '../dialects/openai-chat/types.ts';
import { ResponsesStreamTranslator } from '../dialects/openai-responses/chat-stream-to-response-events.ts';
import { responseOutputToChatMessage } from '../dialects/openai-responses/response-output-to-chat-message.ts';
import { responseUsageToChatUsage } from '../dialects/openai-responses/response-usage-to-chat-usage.ts';
import type { ResponsesRequest, ResponsesResponse } from '../dialects/openai-responses/types.ts';
import { chunksFromCompletion } from './chat-stream-conversion.ts';

/**
 * Responses API answers in both delivery forms. A stream ends with `response.completed` (or
 * `response.incomplete`) carrying the whole response object, so the plain form of a cached
 * stream is read from that event. Reference:
 * https://platform.openai.com/docs/api-reference/responses-streaming/response/completed
 */
const FINAL_EVENT_TYPES: ReadonlySet<string> = new Set(['response.completed', 'response.incomplete']);

/**
 * The response a finished stream carried in its final event; undefined for a stream that failed
 * (`response.failed`, an `error` event) or was cut, which is never cached.
 */
export function responseFromEvents(events: readonly StreamEvent[]): ResponsesResponse | undefined {
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index];
    if (event.event !== undefined && !FINAL_EVENT_TYPES.has(event.event)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      continue;
    }
    if (parsed === null || typeof parsed !== 'object') continue;
    const { type, response } = parsed as { type?: unknown; response?: unknown };
    if (typeof type === 'string' && FINAL_EVENT_TYPES.has(type) && response !== null && typeof response === 'object') {
      return response as ResponsesResponse;
    }
  }
  return undefined;
}

/**
 * The events of a stream that answers with a cached plain response: the response is read as a
 * chat message and sent through the same translator that serves chat-backed hosts, so the events
 * (lifecycle, items, deltas, `response.completed`) are what a streamed answer looks like. Item ids
 * are the translator's, derived from the response id; the message, tool calls and usage are the
 * stored ones. `request` is the one being answered: the final response echoes its fields.
 */
export function eventsFromResponse(response: ResponsesResponse, request: ResponsesRequest): StreamEvent[] {
  const message = responseOutputToChatMessage(response);
  const usage = response.usage === undefined ? undefined : responseUsageToChatUsage(response.usage);
  const completion: ChatCompletion = {
    id: response.id,
    object: 'chat.completion',
    created: response.created_at,
    model: response.model,
    choices: [{ index: 0, message, finish_reason: finishReasonOf(response, message.tool_calls !== undefined) }],
  };
  if (usage !== undefined) completion.usage = usage;
  const translator = new ResponsesStreamTranslator({
    responseId: response.id,
    request,
    createdAt: response.created_at,
    nowSeconds: () => response.completed_at ?? response.created_at,
  });
  const translated = translator.start();
  for (const chunk of chunksFromCompletion(completion)) translated.push(...translator.onChunk(chunk));
  translated.push(...translator.finish(usage));
  return translated.map((event) => ({ event: event.type, data: JSON.stringify(event) }));
}

/** The chat finish reason that `finishReasonToStatus` maps back to this response's status. */
function finishReasonOf(response: ResponsesResponse, hasToolCalls: boolean): FinishReason {
  if (response.status === 'incomplete') {
    return response.incomplete_details?.reason === 'content_filter' ? 'content_filter' : 'length';
  }
  return hasToolCalls ? 'tool_calls' : 'stop';
}
