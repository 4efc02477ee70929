/**
 * OpenAI's `encoding_format: "base64"` embeddings are the vector's float32 values, little-endian, in
 * base64 (what the official SDKs decode with a Float32Array). Float32Array uses the platform's byte
 * order, which is little-endian on every platform Node supports.
 * Reference: https://platform.openai.com/docs/api-reference/embeddings/create#embeddings-create-encoding_format
 */
export function encodeEmbeddingBase64(values: readonly number[]): string {
  return Buffer.from(Float32Array.from(values).buffer).toString('base64');
}

export function decodeEmbeddingBase64(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  // Copied into a fresh buffer: a Float32Array view needs a 4-byte-aligned offset.
  return Array.from(new Float32Array(Uint8Array.from(bytes).buffer, 0, bytes.length >> 2));
}
