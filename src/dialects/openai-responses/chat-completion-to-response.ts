import type { ChatCompletion, ChatMessage } from '../openai-chat/types.ts';
import { buildResponseObject } from './build-response-object.ts';
import { chatUsageToResponseUsage } from './chat-usage-to-response-usage.ts';
import { finishReasonToStatus } from './finish-reason-to-status.ts';
import { functionCallItem, messageItem, outputItemId, outputTextPart, reasoningItem, refusalPart } from './output-items.ts';
import type { ResponsesOutputItem, ResponsesOutputMessage, ResponsesRequest, ResponsesResponse } from './types.ts';

export interface ChatToResponseContext {
  /** `resp_...`, minted by the gateway (it is also the key `previous_response_id` looks up). */
  responseId: string;
  request: ResponsesRequest;
  /** Unix seconds. */
  createdAt: number;
  /** Unix seconds; reported as `completed_at` when the response completed. */
  completedAt?: number;
}

/**
 * A chat completion → a Responses response object. Output items come in the order a model
 * produces them: reasoning, then the message, then one `function_call` item per tool call.
 * Only choice 0 is read: the Responses API has no `n`.
 * Reference: https://platform.openai.com/docs/api-reference/responses/object
 */
export function chatCompletionToResponse(completion: ChatCompletion, context: ChatToResponseContext): ResponsesResponse {
  const choice = completion.choices?.[0];
  const message: ChatMessage = choice?.message ?? { role: 'assistant' };
  const outcome = finishReasonToStatus(choice?.finish_reason);
  const { responseId } = context;
  const output: ResponsesOutputItem[] = [];

  if (typeof message.reasoning_content === 'string' && message.reasoning_content !== '') {
    output.push(reasoningItem(outputItemId('rs', responseId, output.length), 'completed', message.reasoning_content));
  }
  const content: ResponsesOutputMessage['content'] = [];
  const text = messageText(message.content);
  if (text !== '') content.push(outputTextPart(text));
  if (typeof message.refusal === 'string' && message.refusal !== '') content.push(refusalPart(message.refusal));
  if (content.length > 0) output.push(messageItem(outputItemId('msg', responseId, output.length), 'completed', content));
  for (const toolCall of message.tool_calls ?? []) {
    const outputIndex = output.length;
    output.push(functionCallItem({
      id: outputItemId('fc', responseId, outputIndex),
      callId: toolCall.id || outputItemId('call', responseId, outputIndex),
      name: toolCall.function?.name ?? '',
      arguments: toolCall.function?.arguments ?? '',
      status: 'completed',
    }));
  }
  // The item being written when the output limit hit is the one left unfinished.
  const lastItem = output.at(-1);
  if (outcome.status === 'incomplete' && lastItem !== undefined) lastItem.status = 'incomplete';

  return buildResponseObject({
    responseId,
    request: context.request,
    createdAt: context.createdAt,
    model: completion.model || context.request.model || '',
    status: outcome.status,
    output,
    usage: completion.usage ? chatUsageToResponseUsage(completion.usage) : undefined,
    incompleteReason: outcome.incompleteReason,
    completedAt: outcome.status === 'completed' ? context.completedAt : undefined,
  });
}

/** Upstream output is read leniently: content may come as text parts rather than a string. */
function messageText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
