import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ChatMessage, ContentPart, ToolCall } from '../openai-chat/types.ts';
import { encodeContentPart, type AnthropicPartBlock } from './encode-content-part.ts';
import type {
  AnthropicCacheControl, AnthropicContentBlock, AnthropicMessage, AnthropicTextBlock, AnthropicToolResultBlock, AnthropicToolUseBlock,
} from './types.ts';

export interface EncodedConversation {
  /** System and developer messages, in order, as text blocks (Anthropic has no system role). */
  system: AnthropicTextBlock[];
  messages: AnthropicMessage[];
}

interface Turn {
  role: 'user' | 'assistant';
  blocks: AnthropicContentBlock[];
}

/**
 * OpenAI messages → Anthropic `system` + `messages`. Anthropic wants user and assistant turns to
 * alternate, tool results inside a user turn and no empty turns
 * (https://docs.anthropic.com/en/api/messages), so consecutive messages of one role, and consecutive
 * tool results, are merged into one turn, and messages with nothing to send are left out.
 */
export function encodeMessages(messages: readonly ChatMessage[]): EncodedConversation {
  const system: AnthropicTextBlock[] = [];
  const turns: Turn[] = [];
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index];
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...withMessageCacheControl(message, systemBlocks(message, param)));
        break;
      case 'user':
        appendTurn(turns, 'user', withMessageCacheControl(message, contentBlocks(message.content, `${param}.content`)));
        break;
      case 'assistant':
        appendTurn(turns, 'assistant', withMessageCacheControl(message, assistantBlocks(message, param)));
        break;
      case 'tool':
        appendTurn(turns, 'user', withMessageCacheControl(message, [toolResultBlock(message, param)]));
        break;
      default:
        throw invalidRequest(`Messages with role ${String(message.role)} cannot be sent to Anthropic models; use tool messages`, `${param}.role`);
    }
  }
  return { system, messages: turns.map(toAnthropicMessage) };
}

function appendTurn(turns: Turn[], role: Turn['role'], blocks: AnthropicContentBlock[]): void {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (last !== undefined && last.role === role) last.blocks.push(...blocks);
  else turns.push({ role, blocks });
}

/** A lone plain text block is sent as a string, the form Anthropic's own examples use. */
function toAnthropicMessage(turn: Turn): AnthropicMessage {
  const [first] = turn.blocks;
  if (turn.blocks.length === 1 && first.type === 'text' && first.cache_control === undefined) {
    return { role: turn.role, content: first.text };
  }
  return { role: turn.role, content: turn.role === 'user' ? toolResultsFirst(turn.blocks) : turn.blocks };
}

/** Anthropic requires a user turn's tool_result blocks before any other content. */
function toolResultsFirst(blocks: AnthropicContentBlock[]): AnthropicContentBlock[] {
  const firstOther = blocks.findIndex((block) => block.type !== 'tool_result');
  const lateResult = firstOther === -1 ? -1 : blocks.findIndex((block, position) => position > firstOther && block.type === 'tool_result');
  if (lateResult === -1) return blocks;
  return [...blocks.filter((block) => block.type === 'tool_result'), ...blocks.filter((block) => block.type !== 'tool_result')];
}

function contentBlocks(content: ChatMessage['content'], param: string): AnthropicPartBlock[] {
  if (content === null || content === undefined || content === '') return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const blocks: AnthropicPartBlock[] = [];
  for (let index = 0; index < content.length; index++) {
    const block = encodeContentPart(content[index], `${param}[${index}]`);
    if (block !== undefined) blocks.push(block);
  }
  return blocks;
}

function systemBlocks(message: ChatMessage, param: string): AnthropicTextBlock[] {
  const blocks = contentBlocks(message.content, `${param}.content`);
  for (const block of blocks) {
    if (block.type !== 'text') throw invalidRequest('System messages may only contain text for Anthropic models', `${param}.content`);
  }
  return blocks as AnthropicTextBlock[];
}

/**
 * Thinking blocks first (the `thinking_blocks` extension carries them back with their signatures, which
 * Anthropic requires before tool_use when thinking is on), then text, then tool calls.
 * https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
function assistantBlocks(message: ChatMessage, param: string): AnthropicContentBlock[] {
  const thinking = Array.isArray(message.thinking_blocks) ? (message.thinking_blocks as AnthropicContentBlock[]) : [];
  const blocks: AnthropicContentBlock[] = [...thinking, ...contentBlocks(message.content, `${param}.content`)];
  const toolCalls = message.tool_calls ?? [];
  for (let index = 0; index < toolCalls.length; index++) {
    blocks.push(toolUseBlock(toolCalls[index], `${param}.tool_calls[${index}]`));
  }
  return blocks;
}

function toolUseBlock(call: ToolCall, param: string): AnthropicToolUseBlock {
  if (typeof call?.function?.name !== 'string') throw invalidRequest('A tool call needs function.name', `${param}.function.name`);
  return { type: 'tool_use', id: toToolUseId(call.id), name: call.function.name, input: parseArguments(call.function.arguments, `${param}.function.arguments`) };
}

/** Anthropic's `input` is an object; OpenAI's `arguments` is its JSON text ("" for no arguments from some models). */
function parseArguments(text: unknown, param: string): Record<string, unknown> {
  if (text === undefined || text === null || text === '') return {};
  let value: unknown;
  try {
    value = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    throw invalidRequest('Tool call arguments must be a JSON object', param);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidRequest('Tool call arguments must be a JSON object', param);
  return value as Record<string, unknown>;
}

function toolResultBlock(message: ChatMessage, param: string): AnthropicToolResultBlock {
  if (typeof message.tool_call_id !== 'string' || message.tool_call_id === '') {
    throw invalidRequest('A tool message needs tool_call_id', `${param}.tool_call_id`);
  }
  const content = typeof message.content === 'string' || message.content == null
    ? message.content ?? ''
    : contentBlocks(message.content as ContentPart[], `${param}.content`);
  return { type: 'tool_result', tool_use_id: toToolUseId(message.tool_call_id), content };
}

/**
 * Anthropic accepts tool ids of `[a-zA-Z0-9_-]` only; ids minted by other providers may hold other
 * characters. Both the call and its result go through here, so they still match.
 */
function toToolUseId(id: unknown): string {
  const text = typeof id === 'string' && id !== '' ? id : 'call';
  return /^[a-zA-Z0-9_-]+$/.test(text) ? text : text.replace(/[^a-zA-Z0-9_-]/g, '_');
}

/** A message-level `cache_control` (as other gateways accept it) marks the message's last block. */
function withMessageCacheControl<Block extends AnthropicContentBlock>(message: ChatMessage, blocks: Block[]): Block[] {
  const cacheControl = message.cache_control as AnthropicCacheControl | undefined;
  const last = blocks.at(-1);
  if (cacheControl != null && last !== undefined && last.type !== 'thinking' && last.type !== 'redacted_thinking') {
    blocks[blocks.length - 1] = { ...last, cache_control: cacheControl };
  }
  return blocks;
}
