import type { FinishReason } from '../openai-chat/types.ts';

/**
 * Anthropic `stop_reason` → OpenAI `finish_reason` (https://docs.anthropic.com/en/api/handling-stop-reasons).
 * `pause_turn` (a long server-tool turn paused, to be continued by sending it back) ends this response
 * as a normal stop; a context-window stop is a length stop. Unknown future reasons read as `stop`.
 */
export function mapAnthropicStopReason(stopReason: string | null | undefined): FinishReason {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
