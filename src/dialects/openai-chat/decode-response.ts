import { UpstreamError } from '../../errors/upstream-error.ts';
import type { DecodeContext } from '../dialect.ts';
import type { ChatChoice, ChatCompletion, ChatMessage, ChatUsage } from './types.ts';

/**
 * Reads a chat.completion body from an OpenAI-compatible host. Lenient (design §6.5): unknown fields
 * are kept, nulls and missing fields get the values OpenAI would have sent, so a host that omits `id`,
 * `created` or `usage` totals still yields a well-formed response.
 * Reference: https://platform.openai.com/docs/api-reference/chat/object
 */
export function decodeOpenAIChatResponse(body: unknown, context: DecodeContext): ChatCompletion {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new UpstreamError({
      kind: 'invalid-response',
      status: 502,
      message: 'The upstream returned a chat completion that is not a JSON object',
      retryable: true,
    });
  }
  const completion = body as Partial<ChatCompletion>;
  const choices = Array.isArray(completion.choices) ? completion.choices.map(normalizeChoice) : [];
  return {
    ...completion,
    id: typeof completion.id === 'string' && completion.id !== '' ? completion.id : context.responseId,
    object: 'chat.completion',
    created: typeof completion.created === 'number' && completion.created > 0 ? completion.created : context.nowSeconds,
    model: typeof completion.model === 'string' && completion.model !== '' ? completion.model : context.requestedModel,
    choices,
    usage: normalizeChatUsage(completion.usage),
  };
}

function normalizeChoice(choice: Partial<ChatChoice> | null, position: number): ChatChoice {
  const message: ChatMessage = choice?.message != null && typeof choice.message === 'object'
    ? { ...choice.message, role: choice.message.role ?? 'assistant' }
    : { role: 'assistant', content: null };
  return {
    ...choice,
    index: typeof choice?.index === 'number' ? choice.index : position,
    message,
    finish_reason: choice?.finish_reason ?? null,
  };
}

/** Usage with the three counts present; `undefined` when the upstream reported none. */
export function normalizeChatUsage(usage: unknown): ChatUsage | undefined {
  if (usage === null || typeof usage !== 'object') return undefined;
  const reported = usage as Partial<ChatUsage>;
  const promptTokens = toCount(reported.prompt_tokens);
  const completionTokens = toCount(reported.completion_tokens);
  return {
    ...reported,
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: reported.total_tokens != null ? toCount(reported.total_tokens) : promptTokens + completionTokens,
  };
}

function toCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}
