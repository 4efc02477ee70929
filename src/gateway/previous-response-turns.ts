import type { ChatMessage } from '../dialects/openai-chat/types.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { GatewayServices } from './gateway-services.ts';

/** A translated response's id is its log's id: `resp_` and the UUID's hex digits. */
export function responseIdForLog(logId: string): string {
  return `resp_${logId.replaceAll('-', '')}`;
}

function logIdForResponse(responseId: string): string | undefined {
  const match = /^resp_([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/.exec(responseId);
  return match === null ? undefined : match.slice(1).join('-');
}

/**
 * The conversation so far for `previous_response_id` on a translated response: the stored
 * response's log holds its turns (prompt then answer). Logs written with `disable_log` keep no
 * content, so they cannot be continued.
 */
export async function previousResponseTurns(services: GatewayServices, responseId: string): Promise<ChatMessage[]> {
  const logId = logIdForResponse(responseId);
  const log = logId === undefined ? undefined : await services.findLog(logId);
  if (log === undefined || log.log_type !== 'response' || !Array.isArray(log.prompt_messages) || log.completion_message === undefined) {
    throw new GatewayError({ status: 400, message: `Previous response with id '${responseId}' not found.`, param: 'previous_response_id', code: 'previous_response_not_found' });
  }
  return [...(log.prompt_messages as ChatMessage[]), log.completion_message as ChatMessage];
}
