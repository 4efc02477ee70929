import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEmbeddingBase64, encodeEmbeddingBase64 } from './embedding-base64.ts';

describe('embedding base64', () => {
  it('encodes float32 little-endian, as the OpenAI SDKs decode it', () => {
    const encoded = encodeEmbeddingBase64([1, -2, 0.5]);
    const bytes = Buffer.from(encoded, 'base64');
    assert.equal(bytes.length, 12);
    assert.equal(bytes.readFloatLE(0), 1);
    assert.equal(bytes.readFloatLE(4), -2);
    assert.equal(bytes.readFloatLE(8), 0.5);
  });

  it('round-trips at float32 precision', () => {
    const values = [0.0023064255, -0.009327292, -0.0028842222];
    const decoded = decodeEmbeddingBase64(encodeEmbeddingBase64(values));
    assert.deepEqual(decoded, Array.from(Float32Array.from(values)));
  });
});
