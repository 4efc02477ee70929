import type {
  ItemStatus, ResponsesFunctionCallOutput, ResponsesOutputMessage, ResponsesOutputRefusal, ResponsesOutputText,
  ResponsesReasoningOutput,
} from './types.ts';

/**
 * Constructors for the output items a translated response carries, shared by the non-stream
 * translation and the stream translator so both produce the same objects.
 * Reference: https://platform.openai.com/docs/api-reference/responses/object#responses/object-output
 */

/**
 * Item ids derive from the response id and the item's place in `output`: unique because the
 * response id is, and identical between a stream and its final `response.completed`. `call` is for
 * the rare tool call that arrives without an id, as a function call item needs a `call_id`.
 */
export function outputItemId(prefix: 'msg' | 'fc' | 'rs' | 'call', responseId: string, outputIndex: number): string {
  const suffix = responseId.startsWith('resp_') ? responseId.slice('resp_'.length) : responseId;
  return `${prefix}_${suffix}_${outputIndex}`;
}

/** OpenAI sends `annotations` and `logprobs` on every text part, empty when there are none. */
export function outputTextPart(text: string): ResponsesOutputText {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

export function refusalPart(refusal: string): ResponsesOutputRefusal {
  return { type: 'refusal', refusal };
}

export function messageItem(id: string, status: ItemStatus, content: ResponsesOutputMessage['content']): ResponsesOutputMessage {
  return { type: 'message', id, status, role: 'assistant', content };
}

export function functionCallItem(fields: { id: string; callId: string; name: string; arguments: string; status: ItemStatus }): ResponsesFunctionCallOutput {
  return { type: 'function_call', id: fields.id, call_id: fields.callId, name: fields.name, arguments: fields.arguments, status: fields.status };
}

/**
 * Thinking text from the pivot's `reasoning_content` becomes the item's summary: OpenAI's own
 * models expose reasoning only as summaries, so that is where Responses clients look for it.
 */
export function reasoningItem(id: string, status: ItemStatus, text: string | undefined): ResponsesReasoningOutput {
  return { type: 'reasoning', id, summary: text === undefined ? [] : [{ type: 'summary_text', text }], status };
}
