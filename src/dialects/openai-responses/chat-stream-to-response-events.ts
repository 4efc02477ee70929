import type { ChatChunkDelta, ChatCompletionChunk, ChatUsage, FinishReason } from '../openai-chat/types.ts';
import { buildResponseObject } from './build-response-object.ts';
import { chatUsageToResponseUsage } from './chat-usage-to-response-usage.ts';
import { finishReasonToStatus } from './finish-reason-to-status.ts';
import { functionCallItem, messageItem, outputItemId, outputTextPart, reasoningItem, refusalPart } from './output-items.ts';
import type { ResponsesStreamEvent, UnnumberedEvent } from './stream-event-types.ts';
import type {
  ItemStatus, ResponsesErrorCode, ResponsesFunctionCallOutput, ResponsesOutputItem, ResponsesRequest, ResponsesResponse, ResponsesStatus,
} from './types.ts';

export interface ResponsesStreamContext {
  /** `resp_...`, minted by the gateway. */
  responseId: string;
  request: ResponsesRequest;
  /** Unix seconds. */
  createdAt: number;
  /** Gateway clock (Unix seconds) for `completed_at`; injected so tests need no timing. */
  nowSeconds?: () => number;
}

type PartType = 'output_text' | 'refusal';
interface OpenMessage { kind: 'message'; id: string; outputIndex: number; parts: Array<{ type: PartType; text: string }> }
interface OpenReasoning { kind: 'reasoning'; id: string; outputIndex: number; text: string }
interface OpenFunctionCall { kind: 'function_call'; id: string; outputIndex: number; chatIndex: number; callId: string; name: string; arguments: string }
type OpenItem = OpenMessage | OpenReasoning | OpenFunctionCall;
type ToolCallFragment = NonNullable<ChatChunkDelta['tool_calls']>[number];

/**
 * Chat completion chunks → Responses stream events, in the order OpenAI sends them:
 * `response.created`, `response.in_progress`, then per output item `output_item.added`, its
 * deltas and `.done` events, `output_item.done`, and last `response.completed` (or
 * `response.incomplete` / `response.failed`) carrying the whole response. One item is written at
 * a time; a new kind of output (or a new tool call) finishes the one before it.
 * Reference: https://platform.openai.com/docs/guides/streaming-responses?api-mode=responses and
 * https://platform.openai.com/docs/api-reference/responses-streaming
 */
export class ResponsesStreamTranslator {
  readonly #context: ResponsesStreamContext;
  #sequenceNumber = 0;
  #started = false;
  #response: ResponsesResponse | undefined;
  /** The request's model until a chunk names the one that answered. */
  #model: string;
  #modelFromUpstream = false;
  #output: ResponsesOutputItem[] = [];
  #open: OpenItem | undefined;
  /** Function call items already finished, by chat tool index, for arguments that arrive late. */
  #finishedCalls = new Map<number, ResponsesFunctionCallOutput>();
  #finishReason: FinishReason | null = null;
  #usage: ChatUsage | undefined;

  constructor(context: ResponsesStreamContext) {
    this.#context = context;
    this.#model = context.request.model ?? '';
  }

  /** The final response once the stream finished or failed: what the gateway stores and logs. */
  get response(): ResponsesResponse | undefined {
    return this.#response;
  }

  /** `response.created` and `response.in_progress`, once; the other methods send them if needed. */
  start(): ResponsesStreamEvent[] {
    const events: ResponsesStreamEvent[] = [];
    this.#start(events);
    return events;
  }

  onChunk(chunk: ChatCompletionChunk): ResponsesStreamEvent[] {
    const events: ResponsesStreamEvent[] = [];
    if (this.#response !== undefined) return events;
    if (!this.#modelFromUpstream && typeof chunk.model === 'string' && chunk.model !== '') {
      this.#model = chunk.model;
      this.#modelFromUpstream = true;
    }
    this.#start(events);
    if (chunk.usage !== null && typeof chunk.usage === 'object') this.#usage = chunk.usage;
    const choice = chunk.choices?.find((candidate) => candidate.index === 0);
    if (choice === undefined) return events;
    const delta = choice.delta ?? {};
    if (typeof delta.reasoning_content === 'string' && delta.reasoning_content !== '') this.#onReasoning(events, delta.reasoning_content);
    if (typeof delta.content === 'string' && delta.content !== '') this.#onMessageText(events, 'output_text', delta.content);
    if (typeof delta.refusal === 'string' && delta.refusal !== '') this.#onMessageText(events, 'refusal', delta.refusal);
    for (const fragment of delta.tool_calls ?? []) this.#onToolCall(events, fragment);
    if (choice.finish_reason) this.#finishReason = choice.finish_reason;
    return events;
  }

  /** The upstream ended cleanly: finish the open item and send the final response. */
  finish(usage?: ChatUsage): ResponsesStreamEvent[] {
    const events: ResponsesStreamEvent[] = [];
    if (this.#response !== undefined) return events;
    this.#start(events);
    const outcome = finishReasonToStatus(this.#finishReason);
    this.#closeOpenItem(events, outcome.status === 'incomplete' ? 'incomplete' : 'completed');
    const finalUsage = usage ?? this.#usage;
    this.#response = buildResponseObject({
      ...this.#envelope(outcome.status),
      usage: finalUsage === undefined ? undefined : chatUsageToResponseUsage(finalUsage),
      incompleteReason: outcome.incompleteReason,
      completedAt: outcome.status === 'completed' ? this.#context.nowSeconds?.() : undefined,
    });
    const type = outcome.status === 'completed' ? 'response.completed' : 'response.incomplete';
    this.#emit(events, { type, response: this.#response });
    return events;
  }

  /**
   * The upstream failed after the stream began: `response.failed` with the error, as the API ends
   * a response that fails mid-generation. The unfinished item is kept, marked incomplete.
   */
  failed(error: { message: string; code: string | null }): ResponsesStreamEvent[] {
    const events: ResponsesStreamEvent[] = [];
    if (this.#response !== undefined) return events;
    this.#start(events);
    if (this.#open !== undefined) this.#output.push(this.#itemOf(this.#open, 'incomplete'));
    this.#open = undefined;
    const usage = this.#usage === undefined ? undefined : chatUsageToResponseUsage(this.#usage);
    this.#response = buildResponseObject({
      ...this.#envelope('failed'),
      usage,
      error: { code: responsesErrorCode(error.code), message: error.message },
    });
    this.#emit(events, { type: 'response.failed', response: this.#response });
    return events;
  }

  #start(events: ResponsesStreamEvent[]): void {
    if (this.#started) return;
    this.#started = true;
    this.#emit(events, { type: 'response.created', response: buildResponseObject(this.#envelope('in_progress')) });
    this.#emit(events, { type: 'response.in_progress', response: buildResponseObject(this.#envelope('in_progress')) });
  }

  #envelope(status: ResponsesStatus) {
    const { responseId, request, createdAt } = this.#context;
    return { responseId, request, createdAt, model: this.#model, status, output: status === 'in_progress' ? [] : this.#output };
  }

  #onReasoning(events: ResponsesStreamEvent[], text: string): void {
    let item = this.#open;
    if (item?.kind !== 'reasoning') {
      item = { kind: 'reasoning', id: '', outputIndex: 0, text: '' };
      this.#openItem(events, item, 'rs');
      this.#emit(events, { type: 'response.reasoning_summary_part.added', ...this.#summaryAddress(item), part: { type: 'summary_text', text: '' } });
    }
    item.text += text;
    this.#emit(events, { type: 'response.reasoning_summary_text.delta', ...this.#summaryAddress(item), delta: text });
  }

  #onMessageText(events: ResponsesStreamEvent[], partType: PartType, text: string): void {
    let item = this.#open;
    if (item?.kind !== 'message') {
      item = { kind: 'message', id: '', outputIndex: 0, parts: [] };
      this.#openItem(events, item, 'msg');
    }
    let part = item.parts.at(-1);
    if (part?.type !== partType) {
      if (part !== undefined) this.#closePart(events, item);
      part = { type: partType, text: '' };
      item.parts.push(part);
      this.#emit(events, { type: 'response.content_part.added', ...this.#partAddress(item), part: contentPart(partType, '') });
    }
    part.text += text;
    if (partType === 'output_text') this.#emit(events, { type: 'response.output_text.delta', ...this.#partAddress(item), delta: text, logprobs: [] });
    else this.#emit(events, { type: 'response.refusal.delta', ...this.#partAddress(item), delta: text });
  }

  #onToolCall(events: ResponsesStreamEvent[], fragment: ToolCallFragment): void {
    const argumentsText = fragment.function?.arguments ?? '';
    const finished = this.#finishedCalls.get(fragment.index);
    if (finished !== undefined) {
      // Upstreams send tool calls one after another; should one interleave, its late arguments
      // still reach the final response, though its `.done` events have gone.
      finished.arguments += argumentsText;
      return;
    }
    let item = this.#open;
    if (item?.kind !== 'function_call' || item.chatIndex !== fragment.index) {
      item = { kind: 'function_call', id: '', outputIndex: 0, chatIndex: fragment.index, callId: fragment.id ?? '', name: fragment.function?.name ?? '', arguments: '' };
      this.#openItem(events, item, 'fc');
    } else if (fragment.function?.name) {
      item.name += fragment.function.name;
    }
    if (argumentsText === '') return;
    item.arguments += argumentsText;
    this.#emit(events, { type: 'response.function_call_arguments.delta', item_id: item.id, output_index: item.outputIndex, delta: argumentsText });
  }

  #openItem(events: ResponsesStreamEvent[], item: OpenItem, prefix: 'msg' | 'rs' | 'fc'): void {
    this.#closeOpenItem(events, 'completed');
    item.outputIndex = this.#output.length;
    item.id = outputItemId(prefix, this.#context.responseId, item.outputIndex);
    if (item.kind === 'function_call' && item.callId === '') item.callId = outputItemId('call', this.#context.responseId, item.outputIndex);
    this.#open = item;
    this.#emit(events, { type: 'response.output_item.added', output_index: item.outputIndex, item: this.#itemOf(item, 'in_progress') });
  }

  #closeOpenItem(events: ResponsesStreamEvent[], status: ItemStatus): void {
    const item = this.#open;
    if (item === undefined) return;
    this.#open = undefined;
    if (item.kind === 'message') {
      this.#closePart(events, item);
    } else if (item.kind === 'reasoning') {
      this.#emit(events, { type: 'response.reasoning_summary_text.done', ...this.#summaryAddress(item), text: item.text });
      this.#emit(events, { type: 'response.reasoning_summary_part.done', ...this.#summaryAddress(item), part: { type: 'summary_text', text: item.text } });
    } else {
      this.#emit(events, { type: 'response.function_call_arguments.done', item_id: item.id, output_index: item.outputIndex, arguments: item.arguments });
    }
    this.#emit(events, { type: 'response.output_item.done', output_index: item.outputIndex, item: this.#itemOf(item, status) });
    const finishedItem = this.#itemOf(item, status);
    this.#output.push(finishedItem);
    if (item.kind === 'function_call') this.#finishedCalls.set(item.chatIndex, finishedItem as ResponsesFunctionCallOutput);
  }

  #closePart(events: ResponsesStreamEvent[], item: OpenMessage): void {
    const part = item.parts.at(-1);
    if (part === undefined) return;
    if (part.type === 'output_text') this.#emit(events, { type: 'response.output_text.done', ...this.#partAddress(item), text: part.text, logprobs: [] });
    else this.#emit(events, { type: 'response.refusal.done', ...this.#partAddress(item), refusal: part.text });
    this.#emit(events, { type: 'response.content_part.done', ...this.#partAddress(item), part: contentPart(part.type, part.text) });
  }

  /** A fresh item object each time, so events already handed out never change afterwards. */
  #itemOf(item: OpenItem, status: ItemStatus): ResponsesOutputItem {
    if (item.kind === 'message') return messageItem(item.id, status, item.parts.map((part) => contentPart(part.type, part.text)));
    if (item.kind === 'reasoning') return reasoningItem(item.id, status, status === 'in_progress' ? undefined : item.text);
    return functionCallItem({ id: item.id, callId: item.callId, name: item.name, arguments: status === 'in_progress' ? '' : item.arguments, status });
  }

  #partAddress(item: OpenMessage) {
    return { item_id: item.id, output_index: item.outputIndex, content_index: item.parts.length - 1 };
  }

  #summaryAddress(item: OpenReasoning) {
    return { item_id: item.id, output_index: item.outputIndex, summary_index: 0 };
  }

  /** Numbers the event; `type` and `sequence_number` lead, as in OpenAI's own bytes. */
  #emit(events: ResponsesStreamEvent[], event: UnnumberedEvent): void {
    const { type, ...fields } = event;
    events.push({ type, sequence_number: this.#sequenceNumber++, ...fields } as ResponsesStreamEvent);
  }
}

/** Gateway and upstream codes outside the API's closed set are reported as `server_error`. */
function responsesErrorCode(code: string | null): ResponsesErrorCode {
  return code === 'rate_limit_exceeded' || code === 'invalid_prompt' ? code : 'server_error';
}

function contentPart(type: PartType, text: string) {
  return type === 'output_text' ? outputTextPart(text) : refusalPart(text);
}
