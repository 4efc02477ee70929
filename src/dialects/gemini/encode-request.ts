import type { EncodeOptions } from '../dialect.ts';
import type { ChatCompletionRequest } from '../openai-chat/types.ts';
import { encodeContents } from './encode-contents.ts';
import { encodeGenerationConfig } from './encode-generation-config.ts';
import { encodeTools } from './encode-tools.ts';
import type { GeminiGenerateContentRequest } from './types.ts';

/**
 * OpenAI chat request → Gemini GenerateContentRequest (https://ai.google.dev/api/generate-content).
 * The model and the stream choice live in the URL (`models/{model}:generateContent` or
 * `:streamGenerateContent?alt=sse`), never in the body, so `options` only informs the encoding.
 */
export function encodeGeminiRequest(request: ChatCompletionRequest, options: EncodeOptions): GeminiGenerateContentRequest {
  const { systemInstruction, contents } = encodeContents(request.messages, { upstreamModel: options.upstreamModel });
  const body: GeminiGenerateContentRequest = { contents };
  if (systemInstruction !== undefined) body.systemInstruction = systemInstruction;
  Object.assign(body, encodeTools(request));
  const generationConfig = encodeGenerationConfig(request);
  if (generationConfig !== undefined) body.generationConfig = generationConfig;
  return body;
}
