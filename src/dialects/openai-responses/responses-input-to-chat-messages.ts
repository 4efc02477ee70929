import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ChatMessage, ContentPart, ToolCall } from '../openai-chat/types.ts';
import type {
  ResponsesFunctionCallItem, ResponsesFunctionCallOutputItem, ResponsesInputContent, ResponsesMessageInputItem,
  ResponsesRequest,
} from './types.ts';

/**
 * Responses `input` → chat messages: a string is one user message; an item list maps item by
 * item. Function calls join the assistant message before them, because chat carries one
 * assistant turn's text and tool calls in a single message. Reasoning items are dropped: chat
 * has no input form for them, and providers that return thinking (DeepSeek) refuse it as input.
 * Reference: https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
export function responsesInputToChatMessages(input: ResponsesRequest['input']): ChatMessage[] {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (!Array.isArray(input)) throw invalidRequest('`input` must be a string or an array of input items.', 'input');
  const messages: ChatMessage[] = [];
  input.forEach((item, index) => {
    const param = `input[${index}]`;
    if (item === null || typeof item !== 'object') throw invalidRequest(`${param} must be an object.`, param);
    const type = (item as { type?: unknown }).type;
    if (type === undefined || type === 'message') {
      messages.push(messageItemToChat(item as ResponsesMessageInputItem, param));
    } else if (type === 'function_call') {
      appendToolCall(messages, functionCallToToolCall(item as ResponsesFunctionCallItem, param));
    } else if (type === 'function_call_output') {
      messages.push(functionCallOutputToChat(item as ResponsesFunctionCallOutputItem, param));
    } else if (type !== 'reasoning') {
      // item_reference, built-in tool calls and their outputs only mean something inside OpenAI.
      throw invalidRequest(`Input items of type '${String(type)}' are only supported by OpenAI models.`, `${param}.type`, 'unsupported_value');
    }
  });
  return messages;
}

function messageItemToChat(item: ResponsesMessageInputItem, param: string): ChatMessage {
  const { role, content } = item;
  if (role === 'assistant') return assistantMessageToChat(content, param);
  if (role !== 'user' && role !== 'system' && role !== 'developer') {
    throw invalidRequest(`${param}.role must be one of 'user', 'assistant', 'system' or 'developer'.`, `${param}.role`);
  }
  if (typeof content === 'string') return { role, content };
  if (!Array.isArray(content)) throw invalidRequest(`${param}.content must be a string or an array.`, `${param}.content`);
  return {
    role,
    content: content.map((part, partIndex) => inputContentToChatPart(part as ResponsesInputContent, `${param}.content[${partIndex}]`)),
  };
}

/** Earlier assistant output comes back as `output_text` (and `refusal`) parts; chat takes one string. */
function assistantMessageToChat(content: ResponsesMessageInputItem['content'], param: string): ChatMessage {
  if (typeof content === 'string') return { role: 'assistant', content };
  if (!Array.isArray(content)) throw invalidRequest(`${param}.content must be a string or an array.`, `${param}.content`);
  let text = '';
  let refusal: string | undefined;
  content.forEach((part, partIndex) => {
    if (part.type === 'output_text' || part.type === 'input_text') text += part.text;
    else if (part.type === 'refusal') refusal = (refusal ?? '') + part.refusal;
    else throw invalidRequest(`Assistant messages take 'output_text' and 'refusal' parts, not '${part.type}'.`, `${param}.content[${partIndex}].type`);
  });
  const message: ChatMessage = { role: 'assistant', content: text === '' && refusal !== undefined ? null : text };
  if (refusal !== undefined) message.refusal = refusal;
  return message;
}

function functionCallToToolCall(item: ResponsesFunctionCallItem, param: string): ToolCall {
  requireString(item.call_id, `${param}.call_id`);
  requireString(item.name, `${param}.name`);
  return { id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments ?? '' } };
}

function appendToolCall(messages: ChatMessage[], toolCall: ToolCall): void {
  const previous = messages.at(-1);
  if (previous?.role === 'assistant') {
    previous.tool_calls = [...(previous.tool_calls ?? []), toolCall];
    return;
  }
  messages.push({ role: 'assistant', content: null, tool_calls: [toolCall] });
}

function functionCallOutputToChat(item: ResponsesFunctionCallOutputItem, param: string): ChatMessage {
  requireString(item.call_id, `${param}.call_id`);
  const { output } = item;
  if (typeof output === 'string') return { role: 'tool', tool_call_id: item.call_id, content: output };
  if (!Array.isArray(output)) throw invalidRequest(`${param}.output must be a string or an array.`, `${param}.output`);
  return {
    role: 'tool',
    tool_call_id: item.call_id,
    content: output.map((part, partIndex) => inputContentToChatPart(part, `${param}.output[${partIndex}]`)),
  };
}

/** File ids name files stored at OpenAI, which no other provider can read. */
function inputContentToChatPart(part: ResponsesInputContent, param: string): ContentPart {
  if (part === null || typeof part !== 'object') throw invalidRequest(`${param} must be an object.`, param);
  if (part.type === 'input_text') {
    requireString(part.text, `${param}.text`);
    return { type: 'text', text: part.text };
  }
  if (part.type === 'input_image') {
    if (typeof part.image_url === 'string' && part.image_url !== '') {
      const detail = part.detail === 'auto' || part.detail === 'low' || part.detail === 'high' ? part.detail : undefined;
      return { type: 'image_url', image_url: detail === undefined ? { url: part.image_url } : { url: part.image_url, detail } };
    }
    if (typeof part.file_id === 'string') throw openAIFileError(`${param}.file_id`, 'image_url (an http(s) or data: URL)');
    throw invalidRequest(`${param} needs an image_url.`, `${param}.image_url`);
  }
  if (part.type === 'input_file') {
    if (typeof part.file_data === 'string') {
      const file: { file_data: string; filename?: string } = { file_data: part.file_data };
      if (typeof part.filename === 'string') file.filename = part.filename;
      return { type: 'file', file };
    }
    if (typeof part.file_id === 'string') throw openAIFileError(`${param}.file_id`, 'file_data');
    if (typeof part.file_url === 'string') throw openAIFileError(`${param}.file_url`, 'file_data');
    throw invalidRequest(`${param} needs file_data.`, `${param}.file_data`);
  }
  throw invalidRequest(`Unsupported content part type '${String((part as { type?: unknown }).type)}'.`, `${param}.type`);
}

function openAIFileError(param: string, instead: string): Error {
  return invalidRequest(`${param.split('.').at(-1)} is only supported by OpenAI models; send the content inline as ${instead}.`, param, 'unsupported_value');
}

function requireString(value: unknown, param: string): asserts value is string {
  if (typeof value !== 'string' || value === '') throw invalidRequest(`${param} must be a non-empty string.`, param);
}
