import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ChatCompletionRequest, ChatMessage, ResponseFormat } from '../openai-chat/types.ts';
import { responsesInputToChatMessages } from './responses-input-to-chat-messages.ts';
import { responsesToolsToChat } from './responses-tools-to-chat.ts';
import type { ResponsesReasoningEffort, ResponsesRequest, ResponsesTextFormat } from './types.ts';

export interface ResponsesToChatOptions {
  /** The conversation so far, resolved by the gateway from the stored `previous_response_id`. */
  previousTurns?: ChatMessage[];
}

/**
 * A Responses request → the chat pivot, so every provider that speaks chat serves the Responses
 * API too. Only what the caller sent is carried; the one addition is `stream_options.include_usage`
 * on streams, because `response.completed` must report usage.
 * Reference: https://platform.openai.com/docs/api-reference/responses/create
 */
export function responsesRequestToChat(request: ResponsesRequest, options: ResponsesToChatOptions = {}): ChatCompletionRequest {
  refuseOpenAIOnlyFeatures(request);
  const messages: ChatMessage[] = [];
  // `instructions` apply to this response only: they are not part of the stored turns, and a new
  // request's instructions replace the old ones (API reference, `instructions`).
  if (request.instructions !== undefined && request.instructions !== null) {
    if (typeof request.instructions !== 'string') throw invalidRequest('`instructions` must be a string.', 'instructions');
    messages.push({ role: 'system', content: request.instructions });
  }
  messages.push(...(options.previousTurns ?? []), ...responsesInputToChatMessages(request.input));

  // `model` may be absent when a load-balance group or inline `models` picks it (contract §4).
  const chat: ChatCompletionRequest = { model: request.model ?? '', messages, ...responsesToolsToChat(request) };
  if (typeof request.parallel_tool_calls === 'boolean') chat.parallel_tool_calls = request.parallel_tool_calls;
  if (typeof request.max_output_tokens === 'number') chat.max_completion_tokens = request.max_output_tokens;
  if (typeof request.temperature === 'number') chat.temperature = request.temperature;
  if (typeof request.top_p === 'number') chat.top_p = request.top_p;
  const responseFormat = textFormatToResponseFormat(request.text?.format);
  if (responseFormat !== undefined) chat.response_format = responseFormat;
  const reasoningEffort = reasoningEffortToChat(request.reasoning?.effort);
  if (reasoningEffort !== undefined) chat.reasoning_effort = reasoningEffort;
  if (request.stream === true) {
    chat.stream = true;
    chat.stream_options = { include_usage: true };
  }
  // `safety_identifier` replaces `user` in the Responses API; chat providers know `user`.
  const user = request.user ?? request.safety_identifier;
  if (typeof user === 'string') chat.user = user;
  return chat;
}

/** Background runs, stored prompts and conversations live in OpenAI's own storage. */
function refuseOpenAIOnlyFeatures(request: ResponsesRequest): void {
  if (request.background === true) throw openAIOnly('background', 'Background responses are');
  if (request.conversation !== undefined && request.conversation !== null) throw openAIOnly('conversation', 'Conversations are');
  if (request.prompt !== undefined && request.prompt !== null) throw openAIOnly('prompt', 'Stored prompts are');
}

function openAIOnly(param: string, what: string): Error {
  return invalidRequest(`${what} only supported by OpenAI models.`, param, 'unsupported_parameter');
}

/** The Responses `text.format` is flat; chat nests the schema under `json_schema`. */
function textFormatToResponseFormat(format: ResponsesTextFormat | undefined): ResponseFormat | undefined {
  if (format === undefined || format === null) return undefined;
  if (format.type === 'text' || format.type === 'json_object') return { type: format.type };
  if (format.type === 'json_schema') {
    if (typeof format.name !== 'string' || format.name === '') throw invalidRequest('text.format.name must be a non-empty string.', 'text.format.name');
    if (format.schema === null || typeof format.schema !== 'object') throw invalidRequest('text.format.schema must be an object.', 'text.format.schema');
    const jsonSchema: Extract<ResponseFormat, { type: 'json_schema' }>['json_schema'] = { name: format.name, schema: format.schema };
    if (typeof format.description === 'string') jsonSchema.description = format.description;
    if (typeof format.strict === 'boolean') jsonSchema.strict = format.strict;
    return { type: 'json_schema', json_schema: jsonSchema };
  }
  throw invalidRequest(`Unsupported text.format type '${String((format as { type?: unknown }).type)}'.`, 'text.format.type');
}

/**
 * The pivot knows minimal…high. `none` asks for no reasoning, which is what leaving the field out
 * means to every translated provider; `xhigh` and `max` are the most the pivot can ask for.
 */
function reasoningEffortToChat(effort: ResponsesReasoningEffort | null | undefined): ChatCompletionRequest['reasoning_effort'] | undefined {
  if (effort === undefined || effort === null || effort === 'none') return undefined;
  if (effort === 'xhigh' || effort === 'max') return 'high';
  if (effort === 'minimal' || effort === 'low' || effort === 'medium' || effort === 'high') return effort;
  throw invalidRequest(`Unsupported reasoning.effort '${String(effort)}'.`, 'reasoning.effort');
}
