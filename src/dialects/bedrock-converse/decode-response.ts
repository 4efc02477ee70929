import { UpstreamError } from '../../errors/upstream-error.ts';
import type { DecodeContext } from '../dialect.ts';
import type { ChatCompletion, ChatMessage, ToolCall } from '../openai-chat/types.ts';
import { decodeConverseUsage } from './decode-usage.ts';
import { mapConverseStopReason } from './map-converse-stop-reason.ts';
import type { ConverseReasoningContentBlock, ConverseResponse, ConverseToolUseBlock } from './types.ts';

/**
 * A Converse response → chat.completion. `output.message.content` blocks: `text` blocks are joined into
 * `content`, `toolUse` blocks become `tool_calls` (the input document as JSON text), and
 * `reasoningContent.reasoningText` becomes `reasoning_content`; redacted reasoning is encrypted and has
 * no readable form. Converse names neither the response nor the model, so the gateway's id and the
 * requested model are reported.
 * Reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax
 */
export function decodeConverseResponse(body: unknown, context: DecodeContext): ChatCompletion {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new UpstreamError({
      kind: 'invalid-response',
      status: 502,
      message: 'The upstream returned a Converse response that is not a JSON object',
      retryable: true,
    });
  }
  const response = body as ConverseResponse;
  const completion: ChatCompletion = {
    id: context.responseId,
    object: 'chat.completion',
    created: context.nowSeconds,
    model: context.requestedModel,
    choices: [{ index: 0, message: decodeMessage(response), finish_reason: mapConverseStopReason(response.stopReason), logprobs: null }],
  };
  const usage = decodeConverseUsage(response.usage);
  if (usage !== undefined) completion.usage = usage;
  return completion;
}

function decodeMessage(response: ConverseResponse): ChatMessage {
  const blocks = response.output?.message?.content;
  let text: string | undefined;
  let reasoning: string | undefined;
  const toolCalls: ToolCall[] = [];
  for (const block of Array.isArray(blocks) ? blocks : []) {
    if (block === null || typeof block !== 'object') continue;
    if (typeof block.text === 'string') text = (text ?? '') + block.text;
    else if (block.toolUse !== undefined) toolCalls.push(toToolCall(block.toolUse as ConverseToolUseBlock, toolCalls.length));
    else if (block.reasoningContent !== undefined) {
      const reasoningText = (block.reasoningContent as ConverseReasoningContentBlock | null)?.reasoningText?.text;
      if (typeof reasoningText === 'string') reasoning = (reasoning ?? '') + reasoningText;
    }
  }
  // OpenAI sends `content: null` alongside tool calls and never leaves it out otherwise.
  const message: ChatMessage = { role: 'assistant', content: text ?? (toolCalls.length > 0 ? null : '') };
  if (reasoning !== undefined) message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}

function toToolCall(toolUse: ConverseToolUseBlock | null, position: number): ToolCall {
  return {
    id: typeof toolUse?.toolUseId === 'string' ? toolUse.toolUseId : `call_${position}`,
    type: 'function',
    function: { name: typeof toolUse?.name === 'string' ? toolUse.name : '', arguments: JSON.stringify(toolUse?.input ?? {}) },
  };
}
