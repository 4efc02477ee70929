import { UpstreamError } from '../../errors/upstream-error.ts';
import type { DecodeContext } from '../dialect.ts';
import type { ChatCompletion, ChatMessage, FinishReason, ToolCall } from '../openai-chat/types.ts';
import { isJsonResponseTool } from './json-response-tool.ts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.ts';
import { mapAnthropicUsage, readAnthropicTokenCounts } from './map-anthropic-usage.ts';
import type { AnthropicMessageResponse, AnthropicResponseBlock } from './types.ts';

/**
 * Anthropic message → chat.completion (https://docs.anthropic.com/en/api/messages). Text blocks are
 * joined into `content`, `tool_use` blocks become `tool_calls`, thinking becomes `reasoning_content`,
 * and thinking blocks with their signatures are kept in the `thinking_blocks` extension so a client
 * can send them back (Anthropic requires that when thinking and tools meet). Server-tool and other
 * blocks the pivot cannot express are skipped. The id is the gateway's, as on streams.
 */
export function decodeAnthropicMessagesResponse(body: unknown, context: DecodeContext): ChatCompletion {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new UpstreamError({ kind: 'invalid-response', status: 502, message: 'The upstream returned a message that is not a JSON object', retryable: true });
  }
  const response = body as AnthropicMessageResponse;
  const { message, answeredWithJsonTool } = decodeContent(Array.isArray(response.content) ? response.content : []);
  const counts = readAnthropicTokenCounts(response.usage);
  return {
    id: context.responseId,
    object: 'chat.completion',
    created: context.nowSeconds,
    model: typeof response.model === 'string' && response.model !== '' ? response.model : context.requestedModel,
    choices: [{ index: 0, message, finish_reason: finishReason(response.stop_reason, message, answeredWithJsonTool) }],
    usage: counts === undefined ? undefined : mapAnthropicUsage(counts),
  };
}

function decodeContent(blocks: readonly AnthropicResponseBlock[]): { message: ChatMessage; answeredWithJsonTool: boolean } {
  let text = '';
  let reasoning = '';
  let answeredWithJsonTool = false;
  const toolCalls: ToolCall[] = [];
  const thinkingBlocks: AnthropicResponseBlock[] = [];
  for (const block of blocks) {
    if (block === null || typeof block !== 'object') continue;
    if (block.type === 'text' && typeof block.text === 'string') text += block.text;
    else if (block.type === 'tool_use' && isJsonResponseTool(block.name)) {
      text += JSON.stringify(block.input ?? {});
      answeredWithJsonTool = true;
    } else if (block.type === 'tool_use') toolCalls.push(toToolCall(block));
    else if (block.type === 'thinking') {
      reasoning += block.thinking ?? '';
      thinkingBlocks.push({ type: 'thinking', thinking: block.thinking ?? '', signature: block.signature ?? '' });
    } else if (block.type === 'redacted_thinking') thinkingBlocks.push({ type: 'redacted_thinking', data: block.data ?? '' });
  }
  const message: ChatMessage = { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (thinkingBlocks.length > 0) message.thinking_blocks = thinkingBlocks;
  return { message, answeredWithJsonTool };
}

function toToolCall(block: AnthropicResponseBlock): ToolCall {
  return {
    id: block.id ?? '',
    type: 'function',
    function: { name: block.name ?? '', arguments: JSON.stringify(block.input ?? {}) },
  };
}

/** A tool_use stop caused only by the JSON-answer tool is, to the client, a normal stop. */
function finishReason(stopReason: string | null | undefined, message: ChatMessage, answeredWithJsonTool: boolean): FinishReason {
  const reason = mapAnthropicStopReason(stopReason);
  return reason === 'tool_calls' && answeredWithJsonTool && message.tool_calls === undefined ? 'stop' : reason;
}
