import { decodeAnthropicError } from '../dialects/anthropic-messages/decode-error.ts';
import type { UpstreamErrorResponse } from '../dialects/dialect.ts';
import { decodeGeminiError } from '../dialects/gemini/index.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { UpstreamError } from '../errors/upstream-error.ts';
import { AnthropicResponseReader } from './anthropic-response-reader.ts';
import { GeminiResponseReader } from './gemini-response-reader.ts';
import type { NativeResponseReader } from './native-response-reader.ts';
import type { StreamFraming } from './stream-event-tap.ts';

/** A Google model call as the client addressed it: `models/{model}:{method}?{query}`. */
export interface GoogleMethodCall {
  model: string;
  method: string;
  /** The client's query string, without its `key`. */
  query: URLSearchParams;
}

/** How the answer to a method is read and framed. */
export interface MethodHandling {
  streamFraming: StreamFraming | undefined;
  reader: NativeResponseReader;
  decodeError(response: UpstreamErrorResponse): UpstreamError;
}

/**
 * Gemini methods (https://ai.google.dev/api): `streamGenerateContent` answers Server-Sent Events with
 * `alt=sse` and one streamed JSON array without it; Claude on Vertex (`rawPredict`,
 * `streamRawPredict`) answers Anthropic's Messages format.
 */
const METHODS: Readonly<Record<string, { stream: boolean; format: 'gemini' | 'anthropic' }>> = {
  generateContent: { stream: false, format: 'gemini' },
  streamGenerateContent: { stream: true, format: 'gemini' },
  countTokens: { stream: false, format: 'gemini' },
  embedContent: { stream: false, format: 'gemini' },
  batchEmbedContents: { stream: false, format: 'gemini' },
  predict: { stream: false, format: 'gemini' },
  rawPredict: { stream: false, format: 'anthropic' },
  streamRawPredict: { stream: true, format: 'anthropic' },
};

/** Reads `{model}:{method}` from the path's last segment and checks the method is one this mount serves. */
export function readMethodCall(options: { modelAndMethod: string; query: URLSearchParams; allowed: ReadonlySet<string> }): GoogleMethodCall {
  const separator = options.modelAndMethod.lastIndexOf(':');
  const model = separator > 0 ? options.modelAndMethod.slice(0, separator) : '';
  const method = separator > 0 ? options.modelAndMethod.slice(separator + 1) : '';
  if (model === '' || !options.allowed.has(method)) {
    throw new GatewayError({ status: 404, message: `Method '${method || options.modelAndMethod}' is not served by this passthrough`, code: 'unknown_route' });
  }
  const query = new URLSearchParams(options.query);
  // The client's key is the gateway's key: it must never reach Google.
  query.delete('key');
  return { model, method, query };
}

export function handlingFor(call: GoogleMethodCall): MethodHandling {
  const { stream, format } = METHODS[call.method] ?? { stream: false, format: 'gemini' };
  const streamFraming: StreamFraming | undefined = !stream ? undefined : format === 'anthropic' || call.query.get('alt') === 'sse' ? 'sse' : 'json-array';
  return format === 'anthropic'
    ? { streamFraming, reader: new AnthropicResponseReader(), decodeError: decodeAnthropicError }
    : { streamFraming, reader: new GeminiResponseReader(), decodeError: decodeGeminiError };
}

/** `?{query}`, or nothing for an empty query. */
export function queryString(query: URLSearchParams): string {
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/** A model id in a URL path; `@` stays literal, as Vertex writes its Claude ids. */
export function modelPathSegment(model: string): string {
  return encodeURIComponent(model).replaceAll('%40', '@');
}

/** The conversation as logged: generateContent's `contents`, or whatever the method sends. */
export function googlePromptOf(body: Record<string, unknown>): unknown {
  return body.contents ?? body.messages ?? body.requests ?? body.content ?? body.instances;
}

/** The output cap a limit estimate uses: Gemini's `generationConfig.maxOutputTokens`, or Claude's `max_tokens`. */
export function maxOutputTokensOf(body: Record<string, unknown>): unknown {
  return (body.generationConfig as { maxOutputTokens?: unknown } | undefined)?.maxOutputTokens ?? body.max_tokens;
}
