import { UpstreamError } from '../../errors/upstream-error.ts';
import type { DecodeContext, StreamEvent, StreamTranslator } from '../dialect.ts';
import type { ChatChunkDelta, ChatCompletionChunk, ChatUsage, FinishReason } from '../openai-chat/types.ts';
import { decodeConverseStreamException } from './decode-error.ts';
import { decodeConverseUsage } from './decode-usage.ts';
import { mapConverseStopReason } from './map-converse-stop-reason.ts';
import type { ContentBlockDeltaEvent, ContentBlockStartEvent, ConverseStreamMetadataEvent, MessageStopEvent } from './types.ts';

const EXCEPTION_PREFIX = 'exception:';

/**
 * ConverseStream events → chat.completion.chunk objects. Events arrive named by their `:event-type`
 * header (readAwsEventStream), in this order
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html):
 * messageStart, then per content block contentBlockStart (tool uses only) / contentBlockDelta… /
 * contentBlockStop, then messageStop with the stop reason, then metadata with the usage. The stream is
 * `done` after metadata, which follows messageStop, so the usage is always read; the usage goes out as
 * OpenAI's trailing usage chunk (`choices: []`). Payloads carry a `p` padding field, which is ignored.
 * Exception events become UpstreamErrors.
 */
export class ConverseStreamTranslator implements StreamTranslator {
  readonly #context: DecodeContext;
  /** Content block index → tool call index: OpenAI numbers tool calls 0, 1, ... in order of appearance. */
  readonly #toolCallIndices = new Map<number, number>();
  #done = false;
  #usage: ChatUsage | undefined = undefined;

  constructor(context: DecodeContext) {
    this.#context = context;
  }

  get done(): boolean {
    return this.#done;
  }

  get usage(): ChatUsage | undefined {
    return this.#usage;
  }

  onEvent(event: StreamEvent): ChatCompletionChunk[] {
    const name = event.event ?? '';
    if (name.startsWith(EXCEPTION_PREFIX)) throw decodeConverseStreamException(name.slice(EXCEPTION_PREFIX.length), event.data);
    switch (name) {
      case 'messageStart':
        return this.#onMessageStart();
      case 'contentBlockStart':
        return this.#onContentBlockStart(parsePayload<ContentBlockStartEvent>(event));
      case 'contentBlockDelta':
        return this.#onContentBlockDelta(parsePayload<ContentBlockDeltaEvent>(event));
      case 'messageStop':
        return this.#onMessageStop(parsePayload<MessageStopEvent>(event));
      case 'metadata':
        return this.#onMetadata(parsePayload<ConverseStreamMetadataEvent>(event));
      default:
        // contentBlockStop, and event types added later: nothing to tell the client.
        return [];
    }
  }

  finish(): ChatCompletionChunk[] {
    return [];
  }

  #onMessageStart(): ChatCompletionChunk[] {
    return [this.#chunk({ role: 'assistant', content: '' })];
  }

  #onContentBlockStart(event: ContentBlockStartEvent): ChatCompletionChunk[] {
    const toolUse = event.start?.toolUse;
    if (toolUse === undefined) return [];
    const index = this.#toolCallIndex(event.contentBlockIndex);
    return [this.#chunk({
      tool_calls: [{ index, id: toolUse.toolUseId ?? `call_${index}`, type: 'function', function: { name: toolUse.name ?? '', arguments: '' } }],
    })];
  }

  #onContentBlockDelta(event: ContentBlockDeltaEvent): ChatCompletionChunk[] {
    const delta = event.delta;
    if (typeof delta?.text === 'string') return [this.#chunk({ content: delta.text })];
    if (typeof delta?.toolUse?.input === 'string') {
      const index = this.#toolCallIndex(event.contentBlockIndex);
      return [this.#chunk({ tool_calls: [{ index, function: { arguments: delta.toolUse.input } }] })];
    }
    // Reasoning signatures and redacted reasoning have no readable form in OpenAI's shape.
    if (typeof delta?.reasoningContent?.text === 'string') return [this.#chunk({ reasoning_content: delta.reasoningContent.text })];
    return [];
  }

  #onMessageStop(event: MessageStopEvent): ChatCompletionChunk[] {
    return [this.#chunk({}, mapConverseStopReason(event.stopReason))];
  }

  #onMetadata(event: ConverseStreamMetadataEvent): ChatCompletionChunk[] {
    this.#done = true;
    this.#usage = decodeConverseUsage(event.usage);
    if (this.#usage === undefined) return [];
    return [{ ...this.#chunk({}), choices: [], usage: this.#usage }];
  }

  /** Stable per content block; a delta whose start was not seen still gets its own index. */
  #toolCallIndex(contentBlockIndex: number | undefined): number {
    const key = contentBlockIndex ?? -1;
    let index = this.#toolCallIndices.get(key);
    if (index === undefined) {
      index = this.#toolCallIndices.size;
      this.#toolCallIndices.set(key, index);
    }
    return index;
  }

  #chunk(delta: ChatChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    return {
      id: this.#context.responseId,
      object: 'chat.completion.chunk',
      created: this.#context.nowSeconds,
      model: this.#context.requestedModel,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    };
  }
}

function parsePayload<Payload>(event: StreamEvent): Payload {
  let payload: unknown;
  try {
    payload = JSON.parse(event.data);
  } catch (error) {
    throw invalidEvent(event, error);
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw invalidEvent(event);
  return payload as Payload;
}

function invalidEvent(event: StreamEvent, cause?: unknown): UpstreamError {
  return new UpstreamError({
    kind: 'invalid-response',
    status: 502,
    message: `The upstream sent a ${event.event ?? 'stream'} event that is not a JSON object: ${event.data.slice(0, 200)}`,
    retryable: true,
    cause,
  });
}
