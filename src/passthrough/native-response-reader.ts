import type { ChatUsage } from '../dialects/openai-chat/types.ts';
import type { UpstreamError } from '../errors/upstream-error.ts';

/** What the log needs from a native response: usage (for tokens and cost), the answer, the model. */
export interface NativeResponseSummary {
  usage: ChatUsage | undefined;
  completion: unknown;
  responseModel: string | undefined;
}

/**
 * Reads a copy of a native response for the log, never changing what the client receives. Bodies
 * and events are read leniently: anything unreadable is skipped, since the client, not the
 * gateway, is the judge of the upstream's answer.
 */
export interface NativeResponseReader {
  /** A whole non-stream body, as text. */
  readBody(text: string): void;
  /** One stream event's data: an SSE `data` field, or one element of a streamed JSON array. */
  readEvent(data: string): void;
  summary(): NativeResponseSummary;
  /** An error the upstream reported inside a 200 stream (Anthropic `event: error`, Google `{"error"}`). */
  readonly streamError: UpstreamError | undefined;
}

/** Parses JSON, or undefined for anything that is not a JSON object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}
