import type { FinishReason } from '../openai-chat/types.ts';

/**
 * Gemini `finishReason` → OpenAI `finish_reason` (https://ai.google.dev/api/generate-content#FinishReason).
 * Blocks for safety, recitation, block lists, prohibited content and personal data are content
 * filters. A candidate that called functions finishes with STOP; the caller passes `calledTools`
 * so it reads `tool_calls`, as OpenAI clients expect before running the tools.
 */
const CONTENT_FILTER_REASONS = new Set([
  'SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION',
]);

export function mapGeminiFinishReason(reason: string | undefined, calledTools: boolean): FinishReason | null {
  if (reason === undefined || reason === '') return null;
  if (CONTENT_FILTER_REASONS.has(reason)) return 'content_filter';
  if (calledTools) return 'tool_calls';
  if (reason === 'MAX_TOKENS') return 'length';
  // STOP, and the rest (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, ...): the turn is over.
  return 'stop';
}

/** A prompt blocked before generation (`promptFeedback.blockReason`) ends as a content filter. */
export function isPromptBlocked(response: { promptFeedback?: { blockReason?: string } }): boolean {
  const reason = response.promptFeedback?.blockReason;
  return typeof reason === 'string' && reason !== '' && reason !== 'BLOCK_REASON_UNSPECIFIED';
}
