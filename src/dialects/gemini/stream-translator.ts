import { UpstreamError } from '../../errors/upstream-error.ts';
import type { DecodeContext, StreamEvent, StreamTranslator } from '../dialect.ts';
import type { ChatChunkDelta, ChatCompletionChunk, ChatUsage, FinishReason } from '../openai-chat/types.ts';
import { decodeGeminiStreamError } from './decode-error.ts';
import { createdSeconds } from './decode-response.ts';
import { decodeGeminiUsage } from './decode-usage.ts';
import { isPromptBlocked, mapGeminiFinishReason } from './map-gemini-finish-reason.ts';
import { readCandidateParts, ToolCallNamer } from './read-candidate-parts.ts';
import type { GeminiCandidate, GeminiGenerateContentResponse } from './types.ts';

/** Per candidate (OpenAI choice): what has been sent for it so far. */
interface CandidateState {
  /** Tool calls sent so far; the next one gets this index. */
  toolCalls: number;
  finished: boolean;
}

/**
 * Reads `streamGenerateContent?alt=sse`: every `data:` event is a whole GenerateContentResponse
 * carrying the next piece of each candidate (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent).
 * Each becomes OpenAI chunks: the role first, then reasoning (thought parts), text, and function
 * calls, which Gemini sends whole, as complete tool-call deltas with stable per-choice indices;
 * then a chunk with the finish reason. `usageMetadata` is cumulative, so the last one seen is the
 * usage; `finish()` sends it as OpenAI's trailing usage chunk (`choices: []`).
 *
 * Gemini has no end marker like `[DONE]`: the stream is complete (`done`) once every candidate
 * seen has a `finishReason`, or the prompt was blocked. A stream that ends before that was cut.
 */
export class GeminiStreamTranslator implements StreamTranslator {
  readonly #context: DecodeContext;
  readonly #namer: ToolCallNamer;
  readonly #candidates = new Map<number, CandidateState>();
  #model: string;
  #created: number;
  #usage: ChatUsage | undefined = undefined;
  #promptBlocked = false;

  constructor(context: DecodeContext) {
    this.#context = context;
    this.#namer = new ToolCallNamer(context.responseId);
    this.#model = context.requestedModel;
    this.#created = context.nowSeconds;
  }

  get done(): boolean {
    if (this.#promptBlocked) return true;
    if (this.#candidates.size === 0) return false;
    for (const state of this.#candidates.values()) if (!state.finished) return false;
    return true;
  }

  get usage(): ChatUsage | undefined {
    return this.#usage;
  }

  onEvent(event: StreamEvent): ChatCompletionChunk[] {
    const data = event.data.trim();
    if (data === '') return [];
    const payload = this.#parse(data);
    // Without `alt=sse` a host may still frame pieces as array elements: read each.
    const responses = Array.isArray(payload) ? payload : [payload];
    return responses.flatMap((response) => this.#onResponse(response));
  }

  finish(): ChatCompletionChunk[] {
    if (this.#usage === undefined) return [];
    return [{ ...this.#envelope(), choices: [], usage: this.#usage }];
  }

  #onResponse(payload: unknown): ChatCompletionChunk[] {
    if (payload === null || typeof payload !== 'object') throw invalidEvent(`a stream event that is not a JSON object: ${JSON.stringify(payload).slice(0, 200)}`);
    const response = payload as GeminiGenerateContentResponse;
    if (response.error !== undefined) throw decodeGeminiStreamError(response);
    this.#readMetadata(response);
    const candidates = Array.isArray(response.candidates) ? response.candidates : [];
    if (candidates.length === 0 && isPromptBlocked(response)) return this.#onPromptBlocked();
    return candidates.flatMap((candidate, position) => this.#onCandidate(candidate, position));
  }

  #readMetadata(response: GeminiGenerateContentResponse): void {
    if (typeof response.modelVersion === 'string' && response.modelVersion !== '') this.#model = response.modelVersion;
    this.#created = createdSeconds(response.createTime) ?? this.#created;
    this.#usage = decodeGeminiUsage(response.usageMetadata) ?? this.#usage;
  }

  #onCandidate(candidate: GeminiCandidate, position: number): ChatCompletionChunk[] {
    const index = typeof candidate?.index === 'number' ? candidate.index : position;
    const chunks: ChatCompletionChunk[] = [];
    const state = this.#stateOf(index, chunks);
    const { text, reasoning, toolCalls } = readCandidateParts(candidate?.content?.parts, this.#namer);
    if (reasoning !== undefined && reasoning !== '') chunks.push(this.#chunk(index, { reasoning_content: reasoning }));
    if (text !== undefined && text !== '') chunks.push(this.#chunk(index, { content: text }));
    if (toolCalls.length > 0) {
      const deltas = toolCalls.map((call) => ({ ...call, index: state.toolCalls++ }));
      chunks.push(this.#chunk(index, { tool_calls: deltas }));
    }
    const finishReason = mapGeminiFinishReason(candidate?.finishReason, state.toolCalls > 0);
    if (finishReason !== null && !state.finished) {
      state.finished = true;
      chunks.push(this.#chunk(index, {}, finishReason));
    }
    return chunks;
  }

  /** The candidate's state; a candidate seen for the first time opens with the role chunk. */
  #stateOf(index: number, chunks: ChatCompletionChunk[]): CandidateState {
    let state = this.#candidates.get(index);
    if (state === undefined) {
      state = { toolCalls: 0, finished: false };
      this.#candidates.set(index, state);
      chunks.push(this.#chunk(index, { role: 'assistant', content: '' }));
    }
    return state;
  }

  #onPromptBlocked(): ChatCompletionChunk[] {
    this.#promptBlocked = true;
    return [this.#chunk(0, { role: 'assistant', content: '' }), this.#chunk(0, {}, 'content_filter')];
  }

  #chunk(index: number, delta: ChatChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    return { ...this.#envelope(), choices: [{ index, delta, finish_reason: finishReason }] };
  }

  #envelope(): Pick<ChatCompletionChunk, 'id' | 'object' | 'created' | 'model'> {
    return { id: this.#context.responseId, object: 'chat.completion.chunk', created: this.#created, model: this.#model };
  }

  #parse(data: string): unknown {
    try {
      return JSON.parse(data);
    } catch (error) {
      throw invalidEvent(`a stream event that is not valid JSON: ${data.slice(0, 200)}`, error);
    }
  }
}

function invalidEvent(detail: string, cause?: unknown): UpstreamError {
  return new UpstreamError({ kind: 'invalid-response', status: 502, message: `The upstream sent ${detail}`, retryable: true, cause });
}
