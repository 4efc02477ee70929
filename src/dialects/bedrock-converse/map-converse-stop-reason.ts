import type { FinishReason } from '../openai-chat/types.ts';

/**
 * Converse `stopReason` → OpenAI `finish_reason`. Valid values, per
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_MessageStopEvent.html:
 * end_turn | tool_use | max_tokens | stop_sequence | guardrail_intervened | content_filtered |
 * malformed_model_output | malformed_tool_use | model_context_window_exceeded.
 * The context window running out cuts the answer short like `max_tokens` does; malformed output has no
 * OpenAI counterpart and ends the answer as it stands (`stop`), as does any value added later.
 */
const FINISH_REASONS: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  guardrail_intervened: 'content_filter',
  content_filtered: 'content_filter',
};

export function mapConverseStopReason(stopReason: unknown): FinishReason {
  return (typeof stopReason === 'string' ? FINISH_REASONS[stopReason] : undefined) ?? 'stop';
}
