import { AnthropicUsageTally } from './anthropic-usage-tally.ts';
import { UpstreamError } from '../../errors/upstream-error.ts';
import type { DecodeContext, StreamEvent, StreamTranslator } from '../dialect.ts';
import type { ChatChunkDelta, ChatCompletionChunk, ChatUsage, FinishReason } from '../openai-chat/types.ts';
import { decodeAnthropicStreamError } from './decode-error.ts';
import { isJsonResponseTool } from './json-response-tool.ts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.ts';
import type { AnthropicResponseBlock, AnthropicStreamPayload } from './types.ts';

/** What a content block is streamed as, by the block's Anthropic index. */
interface BlockState {
  kind: 'text' | 'tool' | 'json-answer' | 'thinking' | 'ignored';
  /** OpenAI `tool_calls[].index`: 0, 1, 2 in the order tool_use blocks start. */
  toolIndex: number;
  /** Thinking text so far, sent with the signature in the `thinking_blocks` extension. */
  thinking: string;
}

/**
 * Reads an Anthropic Messages stream and emits chat.completion.chunk objects
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming): `message_start`, then per content
 * block `content_block_start` / `content_block_delta`... / `content_block_stop`, then `message_delta`
 * (stop reason, cumulative usage) and `message_stop`. `ping` and event types added later are ignored,
 * as the reference asks. Events are dispatched on the payload's `type`, which Bedrock's event stream
 * carries too (it has no SSE `event:` names).
 */
export class AnthropicMessagesStreamTranslator implements StreamTranslator {
  readonly #context: DecodeContext;
  #model: string;
  #done = false;
  #finishSent = false;
  readonly #blocks: BlockState[] = [];
  #toolCount = 0;
  #answeredWithJsonTool = false;
  /** Usage as the stream reports it: the same bookkeeping the passthrough uses. */
  readonly #usage = new AnthropicUsageTally();

  constructor(context: DecodeContext) {
    this.#context = context;
    this.#model = context.requestedModel;
  }

  get done(): boolean {
    return this.#done;
  }

  get usage(): ChatUsage | undefined {
    return this.#usage.usage;
  }

  onEvent(event: StreamEvent): ChatCompletionChunk[] {
    const payload = parseEventData(event.data);
    if (payload === undefined) return [];
    switch (payload.type ?? event.event) {
      case 'message_start': return this.#onMessageStart(payload);
      case 'content_block_start': return this.#onContentBlockStart(payload);
      case 'content_block_delta': return this.#onContentBlockDelta(payload);
      case 'message_delta': return this.#onMessageDelta(payload);
      case 'message_stop': return this.#onMessageStop();
      case 'error': throw decodeAnthropicStreamError(payload);
      default: return [];
    }
  }

  /** The usage chunk OpenAI sends last (`choices: []`); the gateway drops it unless the client asked. */
  finish(): ChatCompletionChunk[] {
    const usage = this.usage;
    if (usage === undefined) return [];
    return [{ id: this.#context.responseId, object: 'chat.completion.chunk', created: this.#context.nowSeconds, model: this.#model, choices: [], usage }];
  }

  /** Carries the model and the input side of usage (input and cache tokens); opens the assistant message. */
  #onMessageStart(payload: AnthropicStreamPayload): ChatCompletionChunk[] {
    const message = payload.message;
    if (typeof message?.model === 'string' && message.model !== '') this.#model = message.model;
    this.#usage.readEvent(payload);
    return [this.#chunk({ role: 'assistant', content: '' })];
  }

  #onContentBlockStart(payload: AnthropicStreamPayload): ChatCompletionChunk[] {
    const block: AnthropicResponseBlock = payload.content_block ?? { type: 'unknown' };
    const state: BlockState = { kind: 'ignored', toolIndex: -1, thinking: '' };
    if (typeof payload.index === 'number') this.#blocks[payload.index] = state;
    switch (block.type) {
      case 'text':
        state.kind = 'text';
        return block.text ? [this.#chunk({ content: block.text })] : [];
      case 'thinking':
        state.kind = 'thinking';
        state.thinking = block.thinking ?? '';
        return block.thinking ? [this.#chunk({ reasoning_content: block.thinking })] : [];
      case 'redacted_thinking':
        return [this.#chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: block.data }] })];
      case 'tool_use':
        return this.#onToolUseStart(block, state);
      default:
        return [];
    }
  }

  /** A tool call's first chunk carries its id and name with empty arguments, as OpenAI streams do. */
  #onToolUseStart(block: AnthropicResponseBlock, state: BlockState): ChatCompletionChunk[] {
    if (isJsonResponseTool(block.name)) {
      state.kind = 'json-answer';
      this.#answeredWithJsonTool = true;
      return [];
    }
    state.kind = 'tool';
    state.toolIndex = this.#toolCount++;
    return [this.#chunk({ tool_calls: [{ index: state.toolIndex, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] })];
  }

  #onContentBlockDelta(payload: AnthropicStreamPayload): ChatCompletionChunk[] {
    const delta = payload.delta;
    const state = typeof payload.index === 'number' ? this.#blocks[payload.index] : undefined;
    switch (delta?.type) {
      case 'text_delta':
        return delta.text ? [this.#chunk({ content: delta.text })] : [];
      case 'input_json_delta':
        return this.#onInputJsonDelta(state, delta.partial_json);
      case 'thinking_delta':
        if (state !== undefined) state.thinking += delta.thinking ?? '';
        return delta.thinking ? [this.#chunk({ reasoning_content: delta.thinking })] : [];
      case 'signature_delta':
        return [this.#chunk({ thinking_blocks: [{ type: 'thinking', thinking: state?.thinking ?? '', signature: delta.signature }] })];
      default:
        return [];
    }
  }

  /** Argument fragments of a tool call; the JSON-answer tool's fragments are the message content. */
  #onInputJsonDelta(state: BlockState | undefined, fragment: unknown): ChatCompletionChunk[] {
    if (typeof fragment !== 'string' || fragment === '' || state === undefined) return [];
    if (state.kind === 'json-answer') return [this.#chunk({ content: fragment })];
    if (state.kind !== 'tool') return [];
    return [this.#chunk({ tool_calls: [{ index: state.toolIndex, function: { arguments: fragment } }] })];
  }

  /** The finish reason, and usage counts, which are cumulative here (output tokens, updated cache counts). */
  #onMessageDelta(payload: AnthropicStreamPayload): ChatCompletionChunk[] {
    this.#usage.readEvent(payload);
    const stopReason = payload.delta?.stop_reason;
    if (stopReason === undefined || stopReason === null || this.#finishSent) return [];
    this.#finishSent = true;
    return [this.#chunk({}, this.#finishReason(stopReason))];
  }

  #onMessageStop(): ChatCompletionChunk[] {
    this.#done = true;
    return [];
  }

  #finishReason(stopReason: string): FinishReason {
    const reason = mapAnthropicStopReason(stopReason);
    // A tool_use stop caused only by the JSON-answer tool is, to the client, a normal stop.
    return reason === 'tool_calls' && this.#toolCount === 0 && this.#answeredWithJsonTool ? 'stop' : reason;
  }

  #chunk(delta: ChatChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    return {
      id: this.#context.responseId,
      object: 'chat.completion.chunk',
      created: this.#context.nowSeconds,
      model: this.#model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    };
  }
}

/** One event's JSON; blank keep-alive data is skipped, anything else unreadable is a broken stream. */
function parseEventData(data: string): AnthropicStreamPayload | undefined {
  try {
    const payload: unknown = JSON.parse(data);
    if (payload !== null && typeof payload === 'object' && !Array.isArray(payload)) return payload as AnthropicStreamPayload;
  } catch (error) {
    if (data.trim() === '') return undefined;
    throw invalidEvent(data, error);
  }
  throw invalidEvent(data);
}

function invalidEvent(data: string, cause?: unknown): UpstreamError {
  return new UpstreamError({
    kind: 'invalid-response',
    status: 502,
    message: `The upstream sent a stream event that is not a JSON object: ${data.slice(0, 200)}`,
    retryable: true,
    cause,
  });
}
