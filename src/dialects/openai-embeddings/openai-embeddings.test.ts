import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UpstreamError } from '../../errors/upstream-error.ts';
import { encodeEmbeddingBase64 } from './embedding-base64.ts';
import { openAIEmbeddingsDialect } from './index.ts';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'embeddings-float.json'), 'utf8'));
const context = { requestedModel: 'embed', nowSeconds: 1_750_000_000, responseId: 'emb-1' };

describe('openAIEmbeddingsDialect', () => {
  it('passes the request through with the upstream model, encoding_format as asked', () => {
    const request = { model: 'embed', input: ['a', 'b'], encoding_format: 'base64' as const, dimensions: 256 };
    assert.deepEqual(openAIEmbeddingsDialect.encodeRequest(request, { upstreamModel: 'text-embedding-3-small' }), {
      ...request,
      model: 'text-embedding-3-small',
    });
  });

  it('keeps an OpenAI float response as it came', () => {
    assert.deepEqual(openAIEmbeddingsDialect.decodeResponse(fixture, { ...context, encodingFormat: 'float' }), fixture);
  });

  it('keeps base64 strings when base64 was asked', () => {
    const body = { ...fixture, data: [{ object: 'embedding', index: 0, embedding: 'AACAPwAAAMAAAAA/' }] };
    const response = openAIEmbeddingsDialect.decodeResponse(body, { ...context, encodingFormat: 'base64' });
    assert.equal(response.data[0].embedding, 'AACAPwAAAMAAAAA/');
  });

  it('converts when a host ignored encoding_format', () => {
    const asBase64 = openAIEmbeddingsDialect.decodeResponse(fixture, { ...context, encodingFormat: 'base64' });
    assert.equal(asBase64.data[0].embedding, encodeEmbeddingBase64(fixture.data[0].embedding));
    const body = { ...fixture, data: [{ object: 'embedding', index: 0, embedding: 'AACAPwAAAMAAAAA/' }] };
    const asFloats = openAIEmbeddingsDialect.decodeResponse(body, { ...context, encodingFormat: 'float' });
    assert.deepEqual(asFloats.data[0].embedding, [1, -2, 0.5]);
  });

  it('fills what a lenient host leaves out', () => {
    const response = openAIEmbeddingsDialect.decodeResponse({ data: [{ embedding: [0.5] }, { embedding: [0.25] }] }, { ...context, encodingFormat: 'float' });
    assert.deepEqual(response, {
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [0.5] }, { object: 'embedding', index: 1, embedding: [0.25] }],
      model: 'embed',
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
  });

  it('rejects a body without data', () => {
    assert.throws(() => openAIEmbeddingsDialect.decodeResponse({ object: 'list' }, { ...context, encodingFormat: 'float' }),
      (error: unknown) => error instanceof UpstreamError && error.kind === 'invalid-response');
  });

  it('decodes errors like the chat dialect', () => {
    const error = openAIEmbeddingsDialect.decodeError({
      status: 400,
      headers: new Headers(),
      body: '{"error":{"message":"This model\'s maximum context length is 8192 tokens","type":"invalid_request_error","param":"input","code":null}}',
    });
    assert.equal(error.param, 'input');
    assert.equal(error.retryable, false);
  });
});
