import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { createProviderRegistry } from '../../src/providers/registry.ts';
import { API_KEY, fetchLog, startTestGateway, type TestGateway } from '../support/test-gateway.ts';
import {
  bedrockPath, providersYaml, startBedrockUpstream, startGeminiUpstream, startOpenAIUpstream, startVertexUpstream, vertexPath,
  type RecordedUpstreamRequest, type RunningUpstream,
} from './conformance-upstreams.ts';

/**
 * Embeddings through every provider that declares them, float and base64, with the official SDK:
 * the texts reach the upstream in its own format and the vectors come back in OpenAI's list shape.
 */

interface EmbeddingsSetup {
  name: string;
  providerId: string;
  model: string;
  start(): Promise<RunningUpstream>;
  /** The upstream path an embeddings call reaches. */
  path: string;
  /** What to embed; Titan takes one text per call. */
  inputs: string[];
  /** The texts as the upstream received them, read from its native body. */
  nativeTexts(body: Record<string, unknown>): string[];
  /** The vectors the mock answers with, one per input. */
  vectors: number[][];
  /** Prompt tokens the upstream reports; the Gemini API reports none for embeddings. */
  promptTokens: number;
}

const array = <Item = Record<string, unknown>>(value: unknown): Item[] => (Array.isArray(value) ? value as Item[] : []);

const embeddingsSetups: readonly EmbeddingsSetup[] = [
  {
    name: 'openai',
    providerId: 'openai',
    model: 'text-embedding-3-small',
    start: startOpenAIUpstream,
    path: '/v1/embeddings',
    inputs: ['first text', 'second text'],
    nativeTexts: (body) => array<string>(body.input),
    vectors: [[0.0023064255, -0.009327292, 0.015797347], [0.0023064255, -0.009327292, 1.015797347]],
    promptTokens: 8,
  },
  {
    name: 'gemini (batchEmbedContents)',
    providerId: 'gemini',
    model: 'gemini/gemini-embedding-001',
    start: startGeminiUpstream,
    path: '/v1beta/models/gemini-embedding-001:batchEmbedContents',
    inputs: ['first text', 'second text'],
    nativeTexts: (body) => array(body.requests).map((request) => {
      assert.equal(request.model, 'models/gemini-embedding-001', 'each inner request names the model');
      return String(array((request.content as { parts?: unknown }).parts)[0]?.text);
    }),
    vectors: [[0.0023064255, -0.009327292, -0.0028842222, 0.015797347], [-0.012383457, 0.0073521, 0.021453811, -0.0061342767]],
    promptTokens: 0,
  },
  {
    name: 'vertex_ai (predict)',
    providerId: 'vertex_ai',
    model: 'vertex_ai/gemini-embedding-001',
    start: startVertexUpstream,
    path: vertexPath('google', 'gemini-embedding-001', 'predict'),
    inputs: ['first text', 'second text'],
    nativeTexts: (body) => array(body.instances).map((instance) => String(instance.content)),
    vectors: [[0.0023064255, -0.009327292, -0.0028842222, 0.015797347], [-0.012383457, 0.0073521, 0.021453811, -0.0061342767]],
    promptTokens: 10,
  },
  {
    name: 'bedrock (Titan, one input)',
    providerId: 'bedrock',
    model: 'bedrock/amazon.titan-embed-text-v2:0',
    start: startBedrockUpstream,
    path: bedrockPath('amazon.titan-embed-text-v2:0', 'invoke'),
    inputs: ['first text'],
    nativeTexts: (body) => [String(body.inputText)],
    vectors: [[-0.048271447, 0.032436926, 0.0010485728, -0.05932671]],
    promptTokens: 6,
  },
];

const registry = createProviderRegistry();

function decodeBase64Vector(encoded: string): number[] {
  const bytes = Buffer.from(encoded, 'base64');
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
}

function assertClose(actual: ArrayLike<number>, expected: number[], message: string): void {
  assert.equal(actual.length, expected.length, `${message}: dimensions`);
  expected.forEach((value, index) => assert.ok(Math.abs(actual[index] - value) < 1e-6, `${message}[${index}]: ${actual[index]} ≈ ${value}`));
}

for (const setup of embeddingsSetups) {
  if (registry.resolve(setup.providerId)?.embeddings === undefined) continue;
  describe(`embeddings conformance: ${setup.name}`, () => {
    let upstream: RunningUpstream;
    let gateway: TestGateway;
    let client: OpenAI;

    before(async () => {
      upstream = await setup.start();
      gateway = await startTestGateway(providersYaml(upstream.providerEntry));
      client = new OpenAI({ apiKey: API_KEY, baseURL: gateway.apiBase, maxRetries: 0 });
    });
    after(async () => {
      await gateway.stop();
      await upstream.close();
    });

    function lastUpstreamCall(): RecordedUpstreamRequest {
      const call = upstream.requests.at(-1);
      assert.ok(call, 'the upstream was called');
      assert.equal(call.path, setup.path);
      assert.deepEqual(setup.nativeTexts(call.body), setup.inputs, 'the texts reach the upstream in order');
      return call;
    }

    test('float: one vector per input, in the OpenAI list shape, logged with the provider', async () => {
      const input = setup.inputs.length === 1 ? setup.inputs[0] : setup.inputs;
      const { data, response } = await client.embeddings.create({ model: setup.model, input, encoding_format: 'float' }).withResponse();
      assert.equal(data.object, 'list');
      assert.equal(data.data.length, setup.inputs.length);
      data.data.forEach((item, index) => {
        assert.equal(item.object, 'embedding');
        assert.equal(item.index, index);
        assert.deepEqual(item.embedding, setup.vectors[index]);
      });
      assert.equal(data.usage.prompt_tokens, setup.promptTokens);
      lastUpstreamCall();
      const log = await fetchLog(gateway, response.headers.get('x-respan-log-id') ?? assert.fail('the response names its log'));
      assert.equal(log.status, 'success');
      assert.equal(log.provider_id, setup.providerId);
      assert.equal(log.log_type, 'embedding');
      if (setup.promptTokens > 0) {
        assert.equal(log.prompt_tokens, setup.promptTokens);
        assert.equal(log.cost_estimated, false);
      } else {
        // The host reports no usage: the gateway estimates it so the log still has a cost, and says so.
        assert.ok((log.prompt_tokens as number) > 0);
        assert.equal(log.cost_estimated, true);
      }
      assert.ok(typeof log.cost === 'number' && log.cost > 0, `a priced model has a cost (got ${String(log.cost)})`);
    });

    test('base64: little-endian float32 bytes, as OpenAI sends them', async () => {
      const input = setup.inputs.length === 1 ? setup.inputs[0] : setup.inputs;
      const encoded = await client.embeddings.create({ model: setup.model, input, encoding_format: 'base64' });
      encoded.data.forEach((item, index) => {
        assert.equal(typeof item.embedding, 'string', 'a base64 string');
        assertClose(decodeBase64Vector(item.embedding as unknown as string), setup.vectors[index], `vector ${index}`);
      });
      lastUpstreamCall();
      // The SDK asks for base64 when the caller names no format, and decodes it itself.
      const decoded = await client.embeddings.create({ model: setup.model, input });
      decoded.data.forEach((item, index) => assertClose(item.embedding, setup.vectors[index], `SDK-decoded vector ${index}`));
    });
  });
}
