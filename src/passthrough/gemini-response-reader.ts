import { decodeGeminiStreamError } from '../dialects/gemini/index.ts';
import { decodeGeminiUsage } from '../dialects/gemini/decode-usage.ts';
import type { GeminiGenerateContentResponse, GeminiPart } from '../dialects/gemini/types.ts';
import type { UpstreamError } from '../errors/upstream-error.ts';
import { parseJsonObject, type NativeResponseReader, type NativeResponseSummary } from './native-response-reader.ts';

/**
 * Reads Gemini `generateContent` responses (Gemini API and Vertex AI `publishers/google`) for the
 * log. Each stream chunk repeats `usageMetadata` with counts so far, so the last one read is the
 * total (https://ai.google.dev/api/generate-content#UsageMetadata); the answer is the first
 * candidate's parts, text pieces joined. countTokens and embeddings carry no usageMetadata: they
 * are logged without tokens, as Google bills countTokens at nothing and reports no embedding usage.
 */
export class GeminiResponseReader implements NativeResponseReader {
  #usageMetadata: GeminiGenerateContentResponse['usageMetadata'];
  #model: string | undefined;
  #role = 'model';
  readonly #parts: GeminiPart[] = [];
  #streamError: UpstreamError | undefined;

  get streamError(): UpstreamError | undefined {
    return this.#streamError;
  }

  readBody(text: string): void {
    this.readEvent(text);
  }

  readEvent(data: string): void {
    const chunk = parseJsonObject(data) as GeminiGenerateContentResponse | undefined;
    if (chunk === undefined) return;
    if (chunk.error !== undefined) {
      this.#streamError = decodeGeminiStreamError(chunk);
      return;
    }
    if (chunk.usageMetadata != null) this.#usageMetadata = chunk.usageMetadata;
    if (typeof chunk.modelVersion === 'string') this.#model = chunk.modelVersion;
    const content = chunk.candidates?.[0]?.content;
    if (typeof content?.role === 'string') this.#role = content.role;
    for (const part of content?.parts ?? []) this.#addPart(part);
  }

  summary(): NativeResponseSummary {
    return {
      usage: decodeGeminiUsage(this.#usageMetadata),
      completion: this.#parts.length === 0 ? undefined : { role: this.#role, parts: this.#parts },
      responseModel: this.#model,
    };
  }

  /** Consecutive text pieces of the same kind (answer or thought) join into one part. */
  #addPart(part: GeminiPart): void {
    const last = this.#parts.at(-1);
    if (typeof part.text === 'string' && last !== undefined && typeof last.text === 'string' && last.thought === part.thought) {
      this.#parts[this.#parts.length - 1] = { ...last, text: last.text + part.text };
      return;
    }
    this.#parts.push({ ...part });
  }
}
