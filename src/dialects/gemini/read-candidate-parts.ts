import type { ToolCall } from '../openai-chat/types.ts';
import { thoughtSignatureExtension } from './thought-signature.ts';
import type { GeminiPart } from './types.ts';

export interface CandidateContent {
  /** Visible text, parts joined; undefined when the parts had none. */
  text: string | undefined;
  /** Thought summaries (`thought: true` parts), joined; undefined when there were none. */
  reasoning: string | undefined;
  toolCalls: ToolCall[];
}

/**
 * Names the tool calls of one response. Gemini's functionCall usually has no id (only some models
 * and the Live API set one), but OpenAI clients need one to send results back, so ids are derived
 * from the gateway's response id and the call's position: unique per request, stable on replay.
 */
export class ToolCallNamer {
  readonly #prefix: string;
  #issued = 0;

  constructor(responseId: string) {
    this.#prefix = `call_${responseId.replace(/^chatcmpl-/, '')}_`;
  }

  next(upstreamId: string | undefined): string {
    const id = upstreamId !== undefined && upstreamId !== '' ? upstreamId : `${this.#prefix}${this.#issued}`;
    this.#issued += 1;
    return id;
  }
}

/**
 * Reads a candidate's parts (https://ai.google.dev/api/caching#Part) in order: text parts are
 * joined, thought parts become reasoning, function calls become OpenAI tool calls with their
 * arguments as a JSON string and their thought signature in Google's extension. Other parts
 * (executable code, inline images) have no chat-completions form and are skipped.
 */
export function readCandidateParts(parts: readonly GeminiPart[] | undefined, namer: ToolCallNamer): CandidateContent {
  let text: string | undefined;
  let reasoning: string | undefined;
  const toolCalls: ToolCall[] = [];
  for (const part of parts ?? []) {
    if (part === null || typeof part !== 'object') continue;
    if (part.functionCall !== undefined && part.functionCall !== null) {
      toolCalls.push(toToolCall(part, namer));
    } else if (typeof part.text === 'string') {
      if (part.thought === true) reasoning = (reasoning ?? '') + part.text;
      else text = (text ?? '') + part.text;
    }
  }
  return { text, reasoning, toolCalls };
}

function toToolCall(part: GeminiPart, namer: ToolCallNamer): ToolCall {
  const call = part.functionCall!;
  const toolCall: ToolCall = {
    id: namer.next(typeof call.id === 'string' ? call.id : undefined),
    type: 'function',
    function: { name: typeof call.name === 'string' ? call.name : '', arguments: JSON.stringify(call.args ?? {}) },
  };
  return Object.assign(toolCall, thoughtSignatureExtension(typeof part.thoughtSignature === 'string' ? part.thoughtSignature : undefined));
}
