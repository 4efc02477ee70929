import { AnthropicUsageTally } from '../dialects/anthropic-messages/anthropic-usage-tally.ts';
import { decodeAnthropicStreamError } from '../dialects/anthropic-messages/decode-error.ts';
import type { AnthropicStreamPayload } from '../dialects/anthropic-messages/types.ts';
import type { UpstreamError } from '../errors/upstream-error.ts';
import { parseJsonObject, type NativeResponseReader, type NativeResponseSummary } from './native-response-reader.ts';

/** A content block as logged: text, thinking, or a tool call whose input arrived as JSON pieces. */
interface LoggedBlock {
  type: string;
  text?: string;
  thinking?: string;
  id?: string;
  name?: string;
  input?: unknown;
  partialJson?: string;
}

/**
 * Reads Anthropic Messages responses (from Anthropic, Claude on Vertex AI, Claude on Bedrock) for
 * the log: usage from the message or from `message_start`/`message_delta`, the model, and the
 * answer as `{role: "assistant", content: [blocks]}` rebuilt from the content block events.
 */
export class AnthropicResponseReader implements NativeResponseReader {
  readonly #usage = new AnthropicUsageTally();
  #model: string | undefined;
  #content: unknown;
  readonly #blocks: LoggedBlock[] = [];
  #streamError: UpstreamError | undefined;

  get streamError(): UpstreamError | undefined {
    return this.#streamError;
  }

  readBody(text: string): void {
    const body = parseJsonObject(text);
    if (body === undefined) return;
    this.#usage.readMessage(body);
    if (typeof body.model === 'string') this.#model = body.model;
    this.#content = body.content;
  }

  readEvent(data: string): void {
    const payload = parseJsonObject(data) as AnthropicStreamPayload | undefined;
    if (payload === undefined) return;
    this.#usage.readEvent(payload);
    switch (payload.type) {
      case 'message_start':
        if (typeof payload.message?.model === 'string') this.#model = payload.message.model;
        break;
      case 'content_block_start':
        if (payload.content_block != null) this.#blocks[payload.index ?? this.#blocks.length] = { ...payload.content_block };
        break;
      case 'content_block_delta':
        this.#appendDelta(payload);
        break;
      case 'error':
        this.#streamError = decodeAnthropicStreamError(payload);
        break;
    }
  }

  summary(): NativeResponseSummary {
    const content = this.#content ?? (this.#blocks.length === 0 ? undefined : this.#blocks.filter(Boolean).map(finishBlock));
    return {
      usage: this.#usage.usage,
      completion: content === undefined ? undefined : { role: 'assistant', content },
      responseModel: this.#model,
    };
  }

  #appendDelta(payload: AnthropicStreamPayload): void {
    const block = this.#blocks[payload.index ?? -1];
    const delta = payload.delta;
    if (block === undefined || delta == null) return;
    if (typeof delta.text === 'string') block.text = (block.text ?? '') + delta.text;
    if (typeof delta.thinking === 'string') block.thinking = (block.thinking ?? '') + delta.thinking;
    if (typeof delta.partial_json === 'string') block.partialJson = (block.partialJson ?? '') + delta.partial_json;
  }
}

/** A tool call's input is logged as the object its JSON pieces make, or as the text if they make none. */
function finishBlock(block: LoggedBlock): LoggedBlock {
  if (block.partialJson === undefined) return block;
  const { partialJson, ...rest } = block;
  try {
    return { ...rest, input: JSON.parse(partialJson) };
  } catch {
    return { ...rest, input: partialJson };
  }
}
