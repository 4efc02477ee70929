import type {
  ChatChunkDelta, ChatCompletion, ChatCompletionChunk, ChatMessage, ChatUsage, FinishReason, ToolCall,
} from '../dialects/openai-chat/types.ts';

/**
 * Chat answers in both delivery forms, so one cache entry serves stream and plain clients:
 * a plain request is answered from a cached stream with `completionFromChunks`, and a stream
 * request from a cached completion with `chunksFromCompletion`. The chunk shapes follow OpenAI's
 * streaming reference (https://platform.openai.com/docs/api-reference/chat-streaming): the
 * first chunk of a choice carries the role, the last its `finish_reason`, and a final chunk with
 * `choices: []` the usage (what `stream_options.include_usage` produces).
 */

type ChunkChoice = ChatCompletionChunk['choices'][number];

/** Delta fields merged by name; any other delta field is carried over as extension data. */
const KNOWN_DELTA_FIELDS: ReadonlySet<string> = new Set(['role', 'content', 'refusal', 'reasoning_content', 'tool_calls']);

/** Rebuilds the completion a stream stands for: every choice, tool calls by index, and usage. */
export function completionFromChunks(chunks: readonly ChatCompletionChunk[]): ChatCompletion {
  const choices = new Map<number, ChoiceAssembler>();
  let id = '';
  let created = 0;
  let model = '';
  let usage: ChatUsage | undefined;
  let systemFingerprint: string | null | undefined;
  let serviceTier: unknown;
  for (const chunk of chunks) {
    if (id === '' && typeof chunk.id === 'string') id = chunk.id;
    if (created === 0 && typeof chunk.created === 'number') created = chunk.created;
    if (model === '' && typeof chunk.model === 'string') model = chunk.model;
    if (chunk.usage !== null && typeof chunk.usage === 'object') usage = chunk.usage;
    if (chunk.system_fingerprint !== undefined && systemFingerprint == null) systemFingerprint = chunk.system_fingerprint;
    if (chunk.service_tier !== undefined && serviceTier == null) serviceTier = chunk.service_tier;
    for (const choice of chunk.choices ?? []) {
      let assembler = choices.get(choice.index);
      if (assembler === undefined) choices.set(choice.index, assembler = new ChoiceAssembler(choice.index));
      assembler.add(choice);
    }
  }
  const completion: ChatCompletion = {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [...choices.values()].sort((left, right) => left.index - right.index).map((assembler) => assembler.choice()),
  };
  if (usage !== undefined) completion.usage = usage;
  if (serviceTier !== undefined) completion.service_tier = serviceTier;
  if (systemFingerprint !== undefined) completion.system_fingerprint = systemFingerprint;
  return completion;
}

/**
 * A stream that says the same as a completion: per choice, one chunk with the whole message and
 * one with the finish reason, then the usage chunk. Not the original token boundaries (a cached
 * completion never had any), but every client that accumulates deltas gets the same message.
 */
export function chunksFromCompletion(completion: ChatCompletion): ChatCompletionChunk[] {
  const envelope: ChatCompletionChunk = {
    id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model, choices: [],
  };
  if (completion.service_tier !== undefined) envelope.service_tier = completion.service_tier;
  if (completion.system_fingerprint !== undefined) envelope.system_fingerprint = completion.system_fingerprint;
  const usage = completion.usage ?? undefined;
  // With include_usage, OpenAI sends `usage: null` on every chunk before the last.
  const withUsageSlot = (chunk: ChatCompletionChunk): ChatCompletionChunk => (usage === undefined ? chunk : { ...chunk, usage: null });
  const chunks: ChatCompletionChunk[] = [];
  for (const choice of completion.choices) {
    const opening: ChunkChoice = { index: choice.index, delta: deltaFromMessage(choice.message), finish_reason: null };
    const closing: ChunkChoice = { index: choice.index, delta: {}, finish_reason: choice.finish_reason };
    if ('logprobs' in choice) {
      opening.logprobs = choice.logprobs;
      closing.logprobs = null;
    }
    chunks.push(withUsageSlot({ ...envelope, choices: [opening] }));
    chunks.push(withUsageSlot({ ...envelope, choices: [closing] }));
  }
  if (usage !== undefined) chunks.push({ ...envelope, choices: [], usage });
  return chunks;
}

/**
 * True when every choice of the stream reached a finish reason: a stream cut midway (or one that
 * ended with an error event) is never cached.
 */
export function isCompleteChatStream(chunks: readonly ChatCompletionChunk[]): boolean {
  const finished = new Map<number, boolean>();
  for (const chunk of chunks) {
    for (const choice of chunk.choices ?? []) {
      if (!finished.get(choice.index)) finished.set(choice.index, choice.finish_reason != null);
    }
  }
  return finished.size > 0 && [...finished.values()].every(Boolean);
}

function deltaFromMessage(message: ChatMessage): ChatChunkDelta {
  const delta: ChatChunkDelta = { role: message.role, content: typeof message.content === 'string' ? message.content : null };
  if ('refusal' in message) delta.refusal = message.refusal ?? null;
  if (typeof message.reasoning_content === 'string') delta.reasoning_content = message.reasoning_content;
  if (message.tool_calls !== undefined) {
    delta.tool_calls = message.tool_calls.map((call, index) => ({
      index, id: call.id, type: call.type, function: { name: call.function.name, arguments: call.function.arguments },
    }));
  }
  for (const field in message) {
    if (!KNOWN_DELTA_FIELDS.has(field) && message[field] !== undefined) delta[field] = message[field];
  }
  return delta;
}

/** Accumulates one choice's deltas; a field counts as present once any delta carried its key. */
class ChoiceAssembler {
  readonly index: number;
  #role: ChatMessage['role'] = 'assistant';
  #content: string | undefined;
  #sawRefusal = false;
  #refusal: string | undefined;
  #reasoning: string | undefined;
  #toolCalls: ToolCall[] = [];
  #extensions: Record<string, unknown> = {};
  #finishReason: FinishReason | null = null;
  #sawLogprobs = false;
  #logprobs: Record<string, unknown> | undefined;

  constructor(index: number) {
    this.index = index;
  }

  add(choice: ChunkChoice): void {
    const delta = choice.delta ?? {};
    if (typeof delta.role === 'string') this.#role = delta.role;
    if (typeof delta.content === 'string') this.#content = (this.#content ?? '') + delta.content;
    if ('refusal' in delta) this.#sawRefusal = true;
    if (typeof delta.refusal === 'string') this.#refusal = (this.#refusal ?? '') + delta.refusal;
    if (typeof delta.reasoning_content === 'string') this.#reasoning = (this.#reasoning ?? '') + delta.reasoning_content;
    for (const fragment of delta.tool_calls ?? []) this.#addToolCall(fragment);
    for (const field in delta) {
      if (!KNOWN_DELTA_FIELDS.has(field) && delta[field] != null) this.#extensions[field] = mergeValue(this.#extensions[field], delta[field]);
    }
    if (choice.finish_reason != null) this.#finishReason = choice.finish_reason;
    if ('logprobs' in choice) this.#sawLogprobs = true;
    if (choice.logprobs !== null && typeof choice.logprobs === 'object') {
      this.#logprobs = mergeValue(this.#logprobs, choice.logprobs) as Record<string, unknown>;
    }
  }

  choice(): ChatCompletion['choices'][number] {
    const message: ChatMessage = { role: this.#role, content: this.#content ?? null };
    if (this.#sawRefusal || this.#refusal !== undefined) message.refusal = this.#refusal ?? null;
    if (this.#reasoning !== undefined) message.reasoning_content = this.#reasoning;
    if (this.#toolCalls.length > 0) message.tool_calls = this.#toolCalls.filter((call) => call !== undefined);
    Object.assign(message, this.#extensions);
    const choice: ChatCompletion['choices'][number] = { index: this.index, message, finish_reason: this.#finishReason };
    if (this.#sawLogprobs) choice.logprobs = this.#logprobs ?? null;
    return choice;
  }

  #addToolCall(fragment: NonNullable<ChatChunkDelta['tool_calls']>[number]): void {
    const call = (this.#toolCalls[fragment.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
    if (typeof fragment.id === 'string') call.id = fragment.id;
    if (typeof fragment.function?.name === 'string') call.function.name += fragment.function.name;
    if (typeof fragment.function?.arguments === 'string') call.function.arguments += fragment.function.arguments;
  }
}

/**
 * Streamed pieces of one field: arrays (logprob tokens, annotations) concatenate, objects merge
 * member by member, anything else keeps the latest value.
 */
function mergeValue(previous: unknown, next: unknown): unknown {
  if (Array.isArray(next)) return Array.isArray(previous) ? [...previous, ...next] : [...next];
  if (next !== null && typeof next === 'object') {
    const merged: Record<string, unknown> = previous !== null && typeof previous === 'object' && !Array.isArray(previous)
      ? { ...(previous as Record<string, unknown>) } : {};
    for (const [field, value] of Object.entries(next)) merged[field] = mergeValue(merged[field], value);
    return merged;
  }
  return next;
}
