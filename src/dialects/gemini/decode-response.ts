import { UpstreamError } from '../../errors/upstream-error.ts';
import type { DecodeContext } from '../dialect.ts';
import type { ChatChoice, ChatCompletion, ChatMessage } from '../openai-chat/types.ts';
import { decodeGeminiUsage } from './decode-usage.ts';
import { isPromptBlocked, mapGeminiFinishReason } from './map-gemini-finish-reason.ts';
import { readCandidateParts, ToolCallNamer } from './read-candidate-parts.ts';
import type { GeminiCandidate, GeminiGenerateContentResponse } from './types.ts';

/**
 * Gemini GenerateContentResponse → OpenAI chat.completion
 * (https://ai.google.dev/api/generate-content#generatecontentresponse). Each candidate is a choice;
 * a prompt blocked before generation (no candidates, `promptFeedback.blockReason`) is one empty
 * choice finished by `content_filter`.
 */
export function decodeGeminiResponse(body: unknown, context: DecodeContext): ChatCompletion {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new UpstreamError({ kind: 'invalid-response', status: 502, message: 'Gemini returned a response that is not a JSON object', retryable: true });
  }
  const response = body as GeminiGenerateContentResponse;
  const namer = new ToolCallNamer(context.responseId);
  const candidates = Array.isArray(response.candidates) ? response.candidates : [];
  const choices = candidates.map((candidate, position) => decodeCandidate(candidate, position, namer));
  if (choices.length === 0 && isPromptBlocked(response)) {
    choices.push({ index: 0, message: { role: 'assistant', content: null }, finish_reason: 'content_filter' });
  }
  const completion: ChatCompletion = {
    id: context.responseId,
    object: 'chat.completion',
    created: createdSeconds(response.createTime) ?? context.nowSeconds,
    model: typeof response.modelVersion === 'string' && response.modelVersion !== '' ? response.modelVersion : context.requestedModel,
    choices,
  };
  const usage = decodeGeminiUsage(response.usageMetadata);
  if (usage !== undefined) completion.usage = usage;
  return completion;
}

function decodeCandidate(candidate: GeminiCandidate, position: number, namer: ToolCallNamer): ChatChoice {
  const { text, reasoning, toolCalls } = readCandidateParts(candidate?.content?.parts, namer);
  const message: ChatMessage = { role: 'assistant', content: text ?? null };
  if (reasoning !== undefined) message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return {
    index: typeof candidate?.index === 'number' ? candidate.index : position,
    message,
    // A whole response has ended even if a candidate omits its reason.
    finish_reason: mapGeminiFinishReason(candidate?.finishReason, toolCalls.length > 0) ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
  };
}

/** Vertex AI sends `createTime` (RFC 3339); the Gemini API sends none. */
export function createdSeconds(createTime: unknown): number | undefined {
  if (typeof createTime !== 'string') return undefined;
  const milliseconds = Date.parse(createTime);
  return Number.isNaN(milliseconds) ? undefined : Math.floor(milliseconds / 1000);
}
