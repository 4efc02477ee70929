import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ChatMessage, ToolCall } from '../openai-chat/types.ts';
import { encodeContentPart } from './encode-content-part.ts';
import type {
  ConverseContentBlock, ConverseMessage, ConverseSystemBlock, ConverseToolResultBlock, ConverseToolResultContent, ConverseToolUseBlock,
} from './types.ts';

export interface EncodedConversation {
  /** System and developer messages, in order (Converse has no system role). */
  system: ConverseSystemBlock[];
  messages: ConverseMessage[];
  /** The conversation holds toolUse or toolResult blocks: Converse then requires a `toolConfig`. */
  usesTools: boolean;
}

const CACHE_POINT: ConverseContentBlock = Object.freeze({ cachePoint: Object.freeze({ type: 'default' as const }) });

/**
 * OpenAI messages → Converse `system` + `messages`. Converse wants user and assistant turns to
 * alternate and rejects empty messages and blank text
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html), so consecutive
 * messages of one role are merged into one turn, tool messages become `toolResult` blocks in a user
 * turn, and messages with nothing to send are left out. Earlier `reasoning_content` is not sent back:
 * Converse only accepts reasoning blocks with the signature the model produced, which OpenAI's shape
 * does not carry.
 */
export function encodeMessages(messages: readonly ChatMessage[]): EncodedConversation {
  const system: ConverseSystemBlock[] = [];
  const turns: ConverseMessage[] = [];
  let usesTools = false;
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index];
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...systemBlocks(message, param));
        break;
      case 'user':
        appendTurn(turns, 'user', withCachePoint(message, contentBlocks(message, param)));
        break;
      case 'assistant': {
        const toolUses = toolUseBlocks(message.tool_calls, param);
        usesTools ||= toolUses.length > 0;
        appendTurn(turns, 'assistant', withCachePoint(message, [...contentBlocks(message, param), ...toolUses]));
        break;
      }
      case 'tool':
        usesTools = true;
        appendTurn(turns, 'user', withCachePoint(message, [{ toolResult: toolResultBlock(message, param) }]));
        break;
      default:
        throw invalidRequest(`Messages with role ${String(message.role)} cannot be sent to Bedrock Converse; use tool messages`, `${param}.role`);
    }
  }
  return { system, messages: turns.map(toolResultsFirst), usesTools };
}

function appendTurn(turns: ConverseMessage[], role: ConverseMessage['role'], blocks: ConverseContentBlock[]): void {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (last !== undefined && last.role === role) last.content.push(...blocks);
  else turns.push({ role, content: blocks });
}

/** Tool results answer the previous turn's tool uses, so they lead the user turn (as Claude requires). */
function toolResultsFirst(turn: ConverseMessage): ConverseMessage {
  if (turn.role !== 'user' || !turn.content.some((block) => 'toolResult' in block)) return turn;
  const results = turn.content.filter((block) => 'toolResult' in block);
  return { role: 'user', content: [...results, ...turn.content.filter((block) => !('toolResult' in block))] };
}

function contentBlocks(message: ChatMessage, param: string): ConverseContentBlock[] {
  const content = message.content;
  if (content === null || content === undefined || content === '') return [];
  if (typeof content === 'string') return [{ text: content }];
  if (!Array.isArray(content)) throw invalidRequest('Message content must be a string or an array of content parts', `${param}.content`);
  const blocks: ConverseContentBlock[] = [];
  for (let index = 0; index < content.length; index++) {
    const block = encodeContentPart(content[index], `${param}.content[${index}]`);
    if (block !== undefined) blocks.push(block);
  }
  return blocks;
}

function systemBlocks(message: ChatMessage, param: string): ConverseSystemBlock[] {
  const blocks = contentBlocks(message, param);
  for (const block of blocks) {
    if (!('text' in block)) throw invalidRequest('System messages may only contain text for Bedrock Converse', `${param}.content`);
  }
  return withCachePoint(message, blocks) as ConverseSystemBlock[];
}

function toolUseBlocks(calls: ToolCall[] | undefined, param: string): ConverseContentBlock[] {
  return (calls ?? []).map((call, index) => ({ toolUse: toolUseBlock(call, `${param}.tool_calls[${index}]`) }));
}

function toolUseBlock(call: ToolCall, param: string): ConverseToolUseBlock {
  if (typeof call?.function?.name !== 'string') throw invalidRequest('A tool call needs function.name', `${param}.function.name`);
  return { toolUseId: toToolUseId(call.id), name: call.function.name, input: parseArguments(call.function.arguments, `${param}.function.arguments`) };
}

/** Converse's `input` is a JSON document; OpenAI's `arguments` is its text ("" for no arguments from some models). */
function parseArguments(text: unknown, param: string): unknown {
  if (text === undefined || text === null || text === '') return {};
  try {
    if (typeof text === 'string') return JSON.parse(text);
  } catch {
    // Reported below.
  }
  throw invalidRequest('Tool call arguments must be JSON', param);
}

/**
 * A tool message's text becomes `{text}` content: OpenAI tool results are strings, and a model reads
 * the JSON text the same way (`json` blocks are for structured values, which OpenAI does not carry).
 */
function toolResultBlock(message: ChatMessage, param: string): ConverseToolResultBlock {
  if (typeof message.tool_call_id !== 'string' || message.tool_call_id === '') {
    throw invalidRequest('A tool message needs tool_call_id', `${param}.tool_call_id`);
  }
  const content = contentBlocks(message, param).filter((block) => !('cachePoint' in block)) as ConverseToolResultContent[];
  // A toolResult needs content; an empty result is still an answer to the call.
  return { toolUseId: toToolUseId(message.tool_call_id), content: content.length > 0 ? content : [{ text: '(no output)' }] };
}

/**
 * Converse tool ids match `[a-zA-Z0-9_-]+`, at most 64 characters (API_runtime_ToolUseBlock); ids
 * minted by other providers may not. Both the call and its result go through here, so they still match.
 */
function toToolUseId(id: unknown): string {
  const text = typeof id === 'string' && id !== '' ? id : 'call';
  const cleaned = /^[a-zA-Z0-9_-]+$/.test(text) ? text : text.replace(/[^a-zA-Z0-9_-]/g, '_');
  return cleaned.length > 64 ? cleaned.slice(0, 64) : cleaned;
}

/**
 * Anthropic-style `cache_control` on a message (as other gateways accept it) or on its last part
 * becomes a Converse `cachePoint` after the message's blocks: the cached prefix ends there.
 */
function withCachePoint(message: ChatMessage, blocks: ConverseContentBlock[]): ConverseContentBlock[] {
  if (blocks.length === 0) return blocks;
  const lastPart = Array.isArray(message.content) ? message.content.at(-1) : undefined;
  const marked = message.cache_control != null || (lastPart as { cache_control?: unknown } | undefined)?.cache_control != null;
  return marked ? [...blocks, CACHE_POINT] : blocks;
}
