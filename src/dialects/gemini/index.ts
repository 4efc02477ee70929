import type { ChatDialect } from '../dialect.ts';
import { decodeGeminiError } from './decode-error.ts';
import { decodeGeminiResponse } from './decode-response.ts';
import { encodeGeminiRequest } from './encode-request.ts';
import { GeminiStreamTranslator } from './stream-translator.ts';

export { decodeGeminiError, decodeGeminiStreamError } from './decode-error.ts';

/**
 * Gemini generateContent, as the Gemini API and Vertex AI (`publishers/google`) speak it. Streams are
 * requested with `?alt=sse`, so they arrive as Server-Sent Events (CRLF-framed `data:` lines).
 * Gemini cannot fetch image URLs itself, so the pipeline inlines http(s) images as `data:` URLs.
 * Reference: https://ai.google.dev/api/generate-content
 */
export const geminiChatDialect: ChatDialect = {
  name: 'gemini',
  speaksPivot: false,
  streamFraming: 'sse',
  needsImageBytes: true,
  encodeRequest: encodeGeminiRequest,
  decodeResponse: decodeGeminiResponse,
  createStreamTranslator: (context) => new GeminiStreamTranslator(context),
  decodeError: decodeGeminiError,
};
