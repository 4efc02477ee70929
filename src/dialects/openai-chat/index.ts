import type { ChatDialect } from '../dialect.ts';
import { decodeOpenAIError } from './decode-error.ts';
import { decodeOpenAIChatResponse } from './decode-response.ts';
import { encodeOpenAIChatRequest, type OpenAIChatWireOptions } from './encode-request.ts';
import { OpenAIChatStreamTranslator } from './stream-translator.ts';

export type { OpenAIChatWireOptions } from './encode-request.ts';
export { decodeOpenAIError } from './decode-error.ts';

/**
 * The OpenAI chat completions dialect: the pivot itself, so encoding is a copy with the host's model
 * id and decoding only fills what a lenient host left out. `wire` carries the documented
 * differences of OpenAI-compatible hosts; the default suits OpenAI and Azure.
 */
export function createOpenAIChatDialect(wire: OpenAIChatWireOptions = {}): ChatDialect {
  return {
    name: 'openai-chat',
    speaksPivot: true,
    streamFraming: 'sse',
    encodeRequest: (request, options) =>
      encodeOpenAIChatRequest(request, { upstreamModel: options.upstreamModel, stream: options.stream, wire }),
    decodeResponse: decodeOpenAIChatResponse,
    createStreamTranslator: () => new OpenAIChatStreamTranslator(),
    decodeError: decodeOpenAIError,
  };
}

export const openAIChatDialect: ChatDialect = createOpenAIChatDialect();
