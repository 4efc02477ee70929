import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ChatMessage, ToolCall } from '../openai-chat/types.ts';
import { encodeContentParts } from './encode-content-parts.ts';
import { readThoughtSignature } from './thought-signature.ts';
import type { GeminiContent, GeminiPart, GeminiRole } from './types.ts';

export interface EncodedConversation {
  systemInstruction: GeminiContent | undefined;
  contents: GeminiContent[];
}

/**
 * Gemini 3 rejects a model turn whose function calls carry no `thoughtSignature` (400 "Function
 * call is missing a thought_signature"). A conversation that started on another model, or a client
 * that dropped the gateway's `extra_content`, has none; Google documents this value for exactly that
 * case (https://ai.google.dev/gemini-api/docs/thought-signatures, "dummy signatures").
 */
const PLACEHOLDER_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

/**
 * Splits OpenAI messages into Gemini's `systemInstruction` and `contents`
 * (https://ai.google.dev/api/generate-content#request-body):
 * - system and developer messages, wherever they stand, become the system instruction;
 * - user → `user`, assistant → `model`; tool results go back as `user` functionResponse parts;
 * - consecutive messages of the same role are merged, as Gemini wants parallel function results
 *   in one turn and strict alternation on older models;
 * - an assistant's `reasoning_content` is not sent: Gemini takes thoughts back only as signatures.
 */
export function encodeContents(messages: ChatMessage[], options: { upstreamModel: string }): EncodedConversation {
  const systemParts: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const toolNamesById = new Map<string, string>();
  const needsSignatures = requiresThoughtSignatures(options.upstreamModel);

  messages.forEach((message, position) => {
    const param = `messages[${position}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        systemParts.push(...encodeContentParts(message.content, `${param}.content`));
        return;
      case 'user':
        return append(contents, 'user', encodeContentParts(message.content, `${param}.content`));
      case 'assistant':
        return append(contents, 'model', encodeAssistantParts({ message, param, toolNamesById, needsSignatures }));
      case 'tool':
        return append(contents, 'user', [encodeToolResult(message, param, toolNamesById)]);
      case 'function':
        return append(contents, 'user', [functionResponsePart(requireName(message.name, param), message.content)]);
      default:
        throw invalidRequest(`${param}.role ${JSON.stringify(message.role)} is not supported`, `${param}.role`, 'invalid_value');
    }
  });
  return {
    systemInstruction: systemParts.length > 0 ? { parts: systemParts } : undefined,
    contents,
  };
}

/** Gemini 3 and later validate thought signatures on function calls; 2.x models do not. */
function requiresThoughtSignatures(upstreamModel: string): boolean {
  const major = /(?:^|\/)gemini-(\d+)/.exec(upstreamModel)?.[1];
  return major !== undefined && Number(major) >= 3;
}

interface AssistantEncoding {
  message: ChatMessage;
  param: string;
  toolNamesById: Map<string, string>;
  needsSignatures: boolean;
}

function encodeAssistantParts({ message, param, toolNamesById, needsSignatures }: AssistantEncoding): GeminiPart[] {
  const parts = encodeContentParts(
    Array.isArray(message.content) ? message.content.filter((part) => part.type === 'text') : message.content,
    `${param}.content`,
  );
  const calls = message.tool_calls ?? [];
  calls.forEach((call, index) => {
    const callParam = `${param}.tool_calls[${index}]`;
    const name = call?.function?.name;
    if (typeof name !== 'string' || name === '') throw invalidRequest(`${callParam}.function.name is required`, `${callParam}.function.name`, 'missing_required_parameter');
    if (typeof call.id === 'string') toolNamesById.set(call.id, name);
    const part: GeminiPart = { functionCall: { name, args: parseArguments(call, `${callParam}.function.arguments`) } };
    const signature = readThoughtSignature(call);
    if (signature !== undefined) part.thoughtSignature = signature;
    parts.push(part);
  });
  const callParts = parts.filter((part) => part.functionCall !== undefined);
  // Only the first function call of a turn carries the signature (parallel calls share it).
  if (needsSignatures && callParts.length > 0 && callParts.every((part) => part.thoughtSignature === undefined)) {
    callParts[0].thoughtSignature = PLACEHOLDER_THOUGHT_SIGNATURE;
  }
  return parts;
}

/** Gemini's `args` is a JSON object (a protobuf Struct); OpenAI sends it as a JSON string. */
function parseArguments(call: ToolCall, param: string): Record<string, unknown> {
  const text = call.function.arguments;
  if (text === undefined || text === null || (typeof text === 'string' && text.trim() === '')) return {};
  let parsed: unknown;
  try {
    parsed = typeof text === 'string' ? JSON.parse(text) : text;
  } catch {
    throw invalidRequest(`${param} is not valid JSON`, param, 'invalid_value');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidRequest(`${param} must be a JSON object`, param, 'invalid_value');
  }
  return parsed as Record<string, unknown>;
}

function encodeToolResult(message: ChatMessage, param: string, toolNamesById: Map<string, string>): GeminiPart {
  const id = message.tool_call_id;
  if (typeof id !== 'string' || id === '') throw invalidRequest(`${param}.tool_call_id is required`, `${param}.tool_call_id`, 'missing_required_parameter');
  // Gemini matches results to calls by function name, so the name comes from the assistant's call.
  const name = toolNamesById.get(id) ?? message.name;
  if (typeof name !== 'string' || name === '') {
    throw invalidRequest(`${param}.tool_call_id ${JSON.stringify(id)} matches no earlier assistant tool call`, `${param}.tool_call_id`, 'invalid_value');
  }
  return functionResponsePart(name, message.content);
}

/**
 * `functionResponse.response` must be an object; Google documents `output` (and `error`) as the
 * keys for a function's result (https://ai.google.dev/api/caching#FunctionResponse). A JSON object
 * or array result is sent parsed, anything else as text.
 */
function functionResponsePart(name: string, content: ChatMessage['content']): GeminiPart {
  const text = typeof content === 'string'
    ? content
    : (content ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('');
  return { functionResponse: { name, response: { output: parseStructured(text) } } };
}

function parseStructured(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}

function requireName(name: unknown, param: string): string {
  if (typeof name !== 'string' || name === '') throw invalidRequest(`${param}.name is required for function messages`, `${param}.name`, 'missing_required_parameter');
  return name;
}

function append(contents: GeminiContent[], role: GeminiRole, parts: GeminiPart[]): void {
  if (parts.length === 0) return;
  const last = contents.at(-1);
  if (last?.role === role) last.parts.push(...parts);
  else contents.push({ role, parts });
}
