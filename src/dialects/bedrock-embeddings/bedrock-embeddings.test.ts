import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GatewayError } from '../../errors/gateway-error.ts';
import { UpstreamError } from '../../errors/upstream-error.ts';
import { decodeEmbeddingBase64 } from '../openai-embeddings/embedding-base64.ts';
import { bedrockCohereEmbeddingsDialect, bedrockEmbeddingsDialectFor, bedrockTitanEmbeddingsDialect } from './index.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8'));
const context = { requestedModel: 'bedrock/amazon.titan-embed-text-v2:0', nowSeconds: 1_750_000_000, responseId: 'emb-1' };

describe('Bedrock embeddings dialects', () => {
  it('picks Cohere for cohere.embed ids and Titan otherwise', () => {
    assert.equal(bedrockEmbeddingsDialectFor('cohere.embed-english-v3'), bedrockCohereEmbeddingsDialect);
    assert.equal(bedrockEmbeddingsDialectFor('us.cohere.embed-v4:0'), bedrockCohereEmbeddingsDialect);
    assert.equal(bedrockEmbeddingsDialectFor('amazon.titan-embed-text-v2:0'), bedrockTitanEmbeddingsDialect);
  });

  it('encodes one Titan input with dimensions, and refuses a batch or token arrays', () => {
    assert.deepEqual(bedrockTitanEmbeddingsDialect.encodeRequest({ model: 'm', input: ['hello world'], dimensions: 256 }, { upstreamModel: 'amazon.titan-embed-text-v2:0' }), {
      inputText: 'hello world',
      dimensions: 256,
    });
    assert.throws(() => bedrockTitanEmbeddingsDialect.encodeRequest({ model: 'm', input: ['a', 'b'] }, { upstreamModel: 'amazon.titan-embed-text-v2:0' }),
      (error: unknown) => error instanceof GatewayError && error.status === 400 && error.param === 'input' && /Cohere/.test(error.message));
    assert.throws(() => bedrockTitanEmbeddingsDialect.encodeRequest({ model: 'm', input: [1, 2, 3] }, { upstreamModel: 'amazon.titan-embed-text-v2:0' }),
      (error: unknown) => error instanceof GatewayError && error.param === 'input');
  });

  it('decodes Titan into the OpenAI list with its token count, as floats or base64', () => {
    const body = fixture('titan-embed-text-v2.json');
    assert.deepEqual(bedrockTitanEmbeddingsDialect.decodeResponse(body, { ...context, encodingFormat: 'float' }), {
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [-0.048271447, 0.032436926, 0.0010485728, -0.05932671] }],
      model: 'bedrock/amazon.titan-embed-text-v2:0',
      usage: { prompt_tokens: 6, total_tokens: 6 },
    });
    const asBase64 = bedrockTitanEmbeddingsDialect.decodeResponse(body, { ...context, encodingFormat: 'base64' });
    assert.deepEqual(decodeEmbeddingBase64(asBase64.data[0].embedding as string), Array.from(Float32Array.from([-0.048271447, 0.032436926, 0.0010485728, -0.05932671])));
    assert.throws(() => bedrockTitanEmbeddingsDialect.decodeResponse({}, { ...context, encodingFormat: 'float' }), (error: unknown) => error instanceof UpstreamError);
  });

  it('encodes a Cohere batch with an input_type, the caller\'s when valid', () => {
    assert.deepEqual(bedrockCohereEmbeddingsDialect.encodeRequest({ model: 'm', input: ['hello world', 'goodbye world'] }, { upstreamModel: 'cohere.embed-english-v3' }), {
      texts: ['hello world', 'goodbye world'],
      input_type: 'search_document',
    });
    assert.deepEqual(bedrockCohereEmbeddingsDialect.encodeRequest({ model: 'm', input: 'query', input_type: 'search_query', dimensions: 512 }, { upstreamModel: 'cohere.embed-v4:0' }), {
      texts: ['query'],
      input_type: 'search_query',
      output_dimension: 512,
    });
  });

  it('decodes Cohere vectors in order, typed or not', () => {
    const list = bedrockCohereEmbeddingsDialect.decodeResponse(fixture('cohere-embed-english-v3.json'), { ...context, encodingFormat: 'float' });
    assert.deepEqual(list.data.map((item) => item.index), [0, 1]);
    assert.deepEqual(list.data[1].embedding, [-0.0113220215, 0.03466797, -0.0072669983]);
    assert.deepEqual(list.usage, { prompt_tokens: 0, total_tokens: 0 });
    const typed = bedrockCohereEmbeddingsDialect.decodeResponse({ embeddings: { float: [[1, 2]] }, meta: { billed_units: { input_tokens: 3 } } }, { ...context, encodingFormat: 'float' });
    assert.deepEqual([typed.data[0].embedding, typed.usage.prompt_tokens], [[1, 2], 3]);
  });

  it('decodes Bedrock errors like Converse', () => {
    const error = bedrockTitanEmbeddingsDialect.decodeError({
      status: 400, headers: new Headers({ 'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/' }),
      body: '{"message":"Malformed input request: #: extraneous key [dimensions] is not permitted, please reformat your input and try again."}',
    });
    assert.deepEqual([error.status, error.code, error.retryable], [400, 'ValidationException', false]);
  });
});
