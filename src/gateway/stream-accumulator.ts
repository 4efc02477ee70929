import type { ChatCompletionChunk, ChatMessage, FinishReason, ToolCall } from '../dialects/openai-chat/types.ts';

/**
 * Rebuilds the assistant message from streamed chunks, for the log: content, reasoning and tool
 * calls (reassembled by their `index`). Only choice 0 is kept, as the log shows one completion.
 */
export class StreamAccumulator {
  #content = '';
  #reasoning = '';
  #toolCalls: ToolCall[] = [];
  #finishReason: FinishReason | null = null;
  #sawContent = false;

  add(chunk: ChatCompletionChunk): void {
    const choice = chunk.choices?.[0];
    if (choice === undefined || choice.index !== 0) return;
    const delta = choice.delta;
    if (delta !== undefined && delta !== null) {
      if (typeof delta.content === 'string') { this.#content += delta.content; this.#sawContent = true; }
      if (typeof delta.reasoning_content === 'string') this.#reasoning += delta.reasoning_content;
      if (delta.tool_calls !== undefined) this.#addToolCalls(delta.tool_calls);
    }
    if (choice.finish_reason !== null && choice.finish_reason !== undefined) this.#finishReason = choice.finish_reason;
  }

  get finishReason(): FinishReason | null {
    return this.#finishReason;
  }

  message(): ChatMessage {
    const message: ChatMessage = { role: 'assistant', content: this.#sawContent ? this.#content : null };
    if (this.#reasoning !== '') message.reasoning_content = this.#reasoning;
    if (this.#toolCalls.length > 0) message.tool_calls = this.#toolCalls.filter((call) => call !== undefined);
    return message;
  }

  #addToolCalls(deltas: NonNullable<ChatCompletionChunk['choices'][number]['delta']['tool_calls']>): void {
    for (const delta of deltas) {
      const call = (this.#toolCalls[delta.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
      if (delta.id !== undefined) call.id = delta.id;
      if (delta.function?.name !== undefined) call.function.name += delta.function.name;
      if (delta.function?.arguments !== undefined) call.function.arguments += delta.function.arguments;
    }
  }
}
