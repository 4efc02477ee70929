import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../errors/gateway-error.ts';
import { UpstreamError } from '../../errors/upstream-error.ts';
import { readGeminiFixture } from '../gemini/fixtures/read-fixture.ts';
import { encodeEmbeddingBase64 } from '../openai-embeddings/embedding-base64.ts';
import { geminiEmbeddingsDialect, vertexEmbeddingsDialect } from './index.ts';

const context = { requestedModel: 'gemini-embedding-001', nowSeconds: 1_750_000_000, responseId: 'emb-1' };
const batchFixture = JSON.parse(readGeminiFixture('batch-embed-contents.json'));
const predictFixture = JSON.parse(readGeminiFixture('vertex-predict-embeddings.json'));

describe('geminiEmbeddingsDialect (batchEmbedContents)', () => {
  it('sends one request per text, naming the model and the dimensions', () => {
    const body = geminiEmbeddingsDialect.encodeRequest(
      { model: 'gemini-embedding-001', input: ['first', 'second'], dimensions: 768, encoding_format: 'base64' },
      { upstreamModel: 'gemini-embedding-001' },
    );
    assert.deepEqual(body, {
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'first' }] }, outputDimensionality: 768 },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'second' }] }, outputDimensionality: 768 },
      ],
    });
    assert.deepEqual(geminiEmbeddingsDialect.encodeRequest({ model: 'e', input: 'one' }, { upstreamModel: 'gemini-embedding-001' }), {
      requests: [{ model: 'models/gemini-embedding-001', content: { parts: [{ text: 'one' }] } }],
    });
  });

  it('refuses token-id input, naming input', () => {
    assert.throws(() => geminiEmbeddingsDialect.encodeRequest({ model: 'e', input: [1, 2, 3] }, { upstreamModel: 'e' }),
      (error: unknown) => error instanceof GatewayError && error.status === 400 && error.param === 'input');
  });

  it('decodes vectors in order, as floats or base64, with usage 0 (Gemini reports none)', () => {
    const floats = geminiEmbeddingsDialect.decodeResponse(batchFixture, { ...context, encodingFormat: 'float' });
    assert.deepEqual(floats, {
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: batchFixture.embeddings[0].values },
        { object: 'embedding', index: 1, embedding: batchFixture.embeddings[1].values },
      ],
      model: 'gemini-embedding-001',
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
    const base64 = geminiEmbeddingsDialect.decodeResponse(batchFixture, { ...context, encodingFormat: 'base64' });
    assert.equal(base64.data[1].embedding, encodeEmbeddingBase64(batchFixture.embeddings[1].values));
  });

  it('rejects a body without embeddings', () => {
    assert.throws(() => geminiEmbeddingsDialect.decodeResponse({}, { ...context, encodingFormat: 'float' }),
      (error: unknown) => error instanceof UpstreamError && error.kind === 'invalid-response');
  });

  it('decodes Google errors', () => {
    const error = geminiEmbeddingsDialect.decodeError({ status: 429, headers: new Headers(), body: readGeminiFixture('error-429-resource-exhausted.json') });
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterMs, 38_000);
  });
});

describe('vertexEmbeddingsDialect (:predict)', () => {
  it('sends instances and outputDimensionality', () => {
    assert.deepEqual(vertexEmbeddingsDialect.encodeRequest({ model: 'e', input: ['a', 'b'], dimensions: 256 }, { upstreamModel: 'text-embedding-005' }), {
      instances: [{ content: 'a' }, { content: 'b' }],
      parameters: { outputDimensionality: 256 },
    });
  });

  it('decodes predictions with usage summed from token_count', () => {
    const response = vertexEmbeddingsDialect.decodeResponse(predictFixture, { ...context, encodingFormat: 'float' });
    assert.deepEqual(response.data.map((item) => item.embedding), predictFixture.predictions.map((prediction: { embeddings: { values: number[] } }) => prediction.embeddings.values));
    assert.deepEqual(response.usage, { prompt_tokens: 10, total_tokens: 10 });
  });
});
