import type { ChatDialect } from '../dialect.ts';
import { decodeAnthropicError } from './decode-error.ts';
import { decodeAnthropicMessagesResponse } from './decode-response.ts';
import { encodeAnthropicMessagesRequest, type AnthropicBodyFlavor } from './encode-request.ts';
import { AnthropicMessagesStreamTranslator } from './stream-translator.ts';

export type { AnthropicBodyFlavor } from './encode-request.ts';

export interface AnthropicMessagesDialectOptions {
  /** `api` (default): Anthropic's API. `vertex`: Vertex AI `rawPredict` / `streamRawPredict`. `bedrock`: Bedrock `InvokeModel`. */
  bodyFlavor?: AnthropicBodyFlavor;
}

/**
 * The Anthropic Messages dialect (https://docs.anthropic.com/en/api/messages). Claude on Vertex AI
 * and Bedrock speaks it too, with the body differences in `bodyFlavor`. Bedrock's
 * `InvokeModelWithResponseStream` wraps the same events in the AWS event stream (each chunk's
 * `bytes` is one event's JSON), hence its framing; Anthropic and Vertex stream SSE.
 */
export function createAnthropicMessagesDialect(options: AnthropicMessagesDialectOptions = {}): ChatDialect {
  const bodyFlavor = options.bodyFlavor ?? 'api';
  return {
    name: 'anthropic-messages',
    speaksPivot: false,
    streamFraming: bodyFlavor === 'bedrock' ? 'aws-event-stream' : 'sse',
    // Anthropic fetches http(s) image URLs itself (`source.type: "url"`); Claude on Vertex AI and Bedrock
    // rejects URL sources ("URL sources are not supported"), so the pipeline inlines the bytes there.
    needsImageBytes: bodyFlavor !== 'api',
    encodeRequest: (request, encodeOptions) =>
      encodeAnthropicMessagesRequest(request, { upstreamModel: encodeOptions.upstreamModel, stream: encodeOptions.stream, bodyFlavor }),
    decodeResponse: decodeAnthropicMessagesResponse,
    createStreamTranslator: (context) => new AnthropicMessagesStreamTranslator(context),
    decodeError: decodeAnthropicError,
  };
}

export const anthropicMessagesDialect: ChatDialect = createAnthropicMessagesDialect();
