import type { ChatMessage, ToolCall } from '../openai-chat/types.ts';

/**
 * A response's output → one chat assistant message: for the log's completion message (responses
 * OpenAI and Azure serve natively) and for the stored conversation. Upstream output is read
 * leniently: items chat cannot express (built-in tool calls, images) are left out.
 * Reference: https://platform.openai.com/docs/api-reference/responses/object#responses/object-output
 */
export function responseOutputToChatMessage(response: { output?: unknown }): ChatMessage {
  let text: string | undefined;
  let refusal: string | undefined;
  const reasoning: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const item of Array.isArray(response.output) ? response.output : []) {
    if (item === null || typeof item !== 'object') continue;
    const fields = item as Record<string, unknown>;
    if (fields.type === 'message') {
      for (const part of Array.isArray(fields.content) ? fields.content : []) {
        if (part?.type === 'output_text' && typeof part.text === 'string') text = (text ?? '') + part.text;
        else if (part?.type === 'refusal' && typeof part.refusal === 'string') refusal = (refusal ?? '') + part.refusal;
      }
    } else if (fields.type === 'function_call') {
      toolCalls.push({
        id: String(fields.call_id ?? ''),
        type: 'function',
        function: { name: String(fields.name ?? ''), arguments: String(fields.arguments ?? '') },
      });
    } else if (fields.type === 'reasoning') {
      for (const part of Array.isArray(fields.summary) ? fields.summary : []) {
        if (typeof part?.text === 'string' && part.text !== '') reasoning.push(part.text);
      }
    }
  }
  const message: ChatMessage = { role: 'assistant', content: text ?? null };
  if (refusal !== undefined) message.refusal = refusal;
  if (reasoning.length > 0) message.reasoning_content = reasoning.join('\n\n');
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}
