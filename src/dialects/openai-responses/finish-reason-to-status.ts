import type { FinishReason } from '../openai-chat/types.ts';
import type { ResponsesResponse } from './types.ts';

export interface ResponseOutcome {
  status: 'completed' | 'incomplete';
  incompleteReason?: NonNullable<ResponsesResponse['incomplete_details']>['reason'];
}

/**
 * A chat finish reason → the response's status. Responses has no "stopped for tools" status:
 * a turn that ends in function calls is `completed`, the calls being its output items.
 * Reference: https://platform.openai.com/docs/api-reference/responses/object#responses/object-incomplete_details
 */
export function finishReasonToStatus(finishReason: FinishReason | null | undefined): ResponseOutcome {
  if (finishReason === 'length') return { status: 'incomplete', incompleteReason: 'max_output_tokens' };
  if (finishReason === 'content_filter') return { status: 'incomplete', incompleteReason: 'content_filter' };
  return { status: 'completed' };
}
