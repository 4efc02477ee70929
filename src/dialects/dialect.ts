import type { UpstreamError } from '../errors/upstream-error.ts';
import type {
  ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, ChatUsage, EmbeddingsRequest, EmbeddingsResponse,
} from './openai-chat/types.ts';

/**
 * Dialects are pure wire codecs: data in, data out, no I/O and no provider ids (design §3).
 * A provider (a host) picks the dialect it speaks; Claude on Vertex or Bedrock reuses Anthropic's.
 */

export interface EncodeOptions {
  /** The model id the host expects (an Azure deployment, a Vertex `@` version, a Bedrock ARN ...). */
  upstreamModel: string;
  stream: boolean;
}

export interface DecodeContext {
  /** The model name the client asked for, reported back when the upstream does not name one. */
  requestedModel: string;
  /** Gateway clock, seconds, for `created` when the upstream gives none. */
  nowSeconds: number;
  /** Identifier for synthesised ids (`chatcmpl-...`). */
  responseId: string;
}

export interface UpstreamErrorResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: string;
}

/** One event as the framing decoder hands it over (SSE here; the AWS event stream maps onto it). */
export interface StreamEvent {
  event?: string;
  data: string;
}

export interface StreamTranslator {
  /** Turns one upstream event into the OpenAI chunks it stands for (often one, sometimes none). */
  onEvent(event: StreamEvent): ChatCompletionChunk[];
  /** Called once the upstream stream has ended cleanly: what still has to be sent. */
  finish(): ChatCompletionChunk[];
  /** True once the upstream said its stream is complete (`[DONE]`, `message_stop`, ...). */
  readonly done: boolean;
  /** Usage as reported so far (complete after the last event). */
  readonly usage: ChatUsage | undefined;
}

export interface ChatDialect {
  readonly name: string;
  /** The upstream speaks the pivot format itself: a body can go back to the client byte for byte. */
  readonly speaksPivot: boolean;
  readonly streamFraming: 'sse' | 'aws-event-stream';
  /**
   * The upstream cannot fetch image URLs itself (Gemini, Bedrock): the pipeline fetches http(s)
   * images first and hands the dialect `data:` URLs only.
   */
  readonly needsImageBytes?: boolean;
  encodeRequest(request: ChatCompletionRequest, options: EncodeOptions): unknown;
  decodeResponse(body: unknown, context: DecodeContext): ChatCompletion;
  createStreamTranslator(context: DecodeContext): StreamTranslator;
  /** Maps an upstream error response to a typed error; decides `retryable`. */
  decodeError(response: UpstreamErrorResponse): UpstreamError;
}

export interface EmbeddingsDialect {
  readonly name: string;
  readonly speaksPivot: boolean;
  encodeRequest(request: EmbeddingsRequest, options: { upstreamModel: string }): unknown;
  decodeResponse(body: unknown, context: DecodeContext & { encodingFormat: 'float' | 'base64' }): EmbeddingsResponse;
  decodeError(response: UpstreamErrorResponse): UpstreamError;
}
