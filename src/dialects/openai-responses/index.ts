/**
 * The OpenAI Responses API as a translation over the chat pivot: requests in, responses and
 * stream events out, for every provider that does not serve `/responses` natively (contract §4).
 */
export { buildResponseObject } from './build-response-object.ts';
export { chatCompletionToResponse } from './chat-completion-to-response.ts';
export type { ChatToResponseContext } from './chat-completion-to-response.ts';
export { ResponsesStreamTranslator } from './chat-stream-to-response-events.ts';
export type { ResponsesStreamContext } from './chat-stream-to-response-events.ts';
export { chatUsageToResponseUsage } from './chat-usage-to-response-usage.ts';
export { responseOutputToChatMessage } from './response-output-to-chat-message.ts';
export { responseToChatTurns } from './response-to-chat-turns.ts';
export { responseUsageToChatUsage } from './response-usage-to-chat-usage.ts';
export { responsesRequestToChat } from './responses-request-to-chat.ts';
export type { ResponsesToChatOptions } from './responses-request-to-chat.ts';
export type { ResponsesStreamEvent } from './stream-event-types.ts';
export type { ResponsesRequest, ResponsesResponse, ResponsesUsage } from './types.ts';
