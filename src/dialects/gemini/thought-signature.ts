import type { ToolCall } from '../openai-chat/types.ts';

/**
 * Gemini's `thoughtSignature` has no OpenAI field. It travels on the tool call in the namespaced
 * extension Google's own OpenAI-compatible endpoint uses, so clients that send the assistant
 * message back unchanged keep it: `tool_calls[i].extra_content.google.thought_signature`
 * (https://ai.google.dev/gemini-api/docs/thought-signatures).
 */
export interface GoogleToolCallExtension {
  extra_content?: { google?: { thought_signature?: string } };
}

export function readThoughtSignature(call: ToolCall): string | undefined {
  const signature = (call as ToolCall & GoogleToolCallExtension).extra_content?.google?.thought_signature;
  return typeof signature === 'string' && signature !== '' ? signature : undefined;
}

export function thoughtSignatureExtension(signature: string | undefined): GoogleToolCallExtension {
  return signature === undefined ? {} : { extra_content: { google: { thought_signature: signature } } };
}
