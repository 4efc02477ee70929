import type { ChatMessage } from '../openai-chat/types.ts';
import { responseOutputToChatMessage } from './response-output-to-chat-message.ts';
import { responsesInputToChatMessages } from './responses-input-to-chat-messages.ts';
import type { ResponsesRequest, ResponsesResponse } from './types.ts';

/**
 * The conversation after a response, stored so that a later `previous_response_id` continues
 * it: the earlier turns, this request's input, and the answer. `instructions` are left out, since
 * they apply to one response only (API reference, `instructions`). Thinking text is left out as
 * reasoning input items are: chat has no way to send it back, and DeepSeek refuses it as input.
 * Reference: https://platform.openai.com/docs/guides/conversation-state?api-mode=responses
 */
export function responseToChatTurns(request: ResponsesRequest, response: ResponsesResponse, previousTurns: ChatMessage[]): ChatMessage[] {
  const turns = [...previousTurns, ...responsesInputToChatMessages(request.input)];
  const answer = responseOutputToChatMessage(response);
  delete answer.reasoning_content;
  const hasAnswer = (typeof answer.content === 'string' && answer.content !== '') || answer.refusal !== undefined || answer.tool_calls !== undefined;
  if (hasAnswer) turns.push(answer);
  return turns;
}
