import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import OpenAI from 'openai';
import { API_KEY, fetchLog, startTestGateway, type TestGateway } from '../support/test-gateway.ts';
import {
  bedrockPath, providersYaml, startAnthropicUpstream, startBedrockUpstream, startVertexUpstream, vertexPath, type RunningUpstream,
} from './conformance-upstreams.ts';

/**
 * Claude and Gemini on the clouds:
 * - `X-Respan-Route-Provider` serves a catalog Claude slug from another cloud under that cloud's own
 *   model id, although Anthropic itself is configured too (contract §4);
 * - the gateway mints a Vertex AI access token from the service-account key once (JWT-bearer grant at
 *   the key's `token_uri`) and reuses it across requests, models, streams and operations (contract §2).
 */
const CLAUDE = 'claude-sonnet-4-20250514';
const messages = [{ role: 'user' as const, content: 'Hi there' }];

let anthropic: RunningUpstream;
let vertex: Awaited<ReturnType<typeof startVertexUpstream>>;
let bedrock: Awaited<ReturnType<typeof startBedrockUpstream>>;
let gateway: TestGateway;
let client: OpenAI;
const counts = { anthropic: 0, vertex: 0, bedrock: 0 };

before(async () => {
  [anthropic, vertex, bedrock] = await Promise.all([startAnthropicUpstream(), startVertexUpstream(), startBedrockUpstream()]);
  gateway = await startTestGateway(providersYaml(anthropic.providerEntry, vertex.providerEntry, bedrock.providerEntry));
  client = new OpenAI({ apiKey: API_KEY, baseURL: gateway.apiBase, maxRetries: 0 });
});
after(async () => {
  await gateway.stop();
  await Promise.all([anthropic.close(), vertex.close(), bedrock.close()]);
});
beforeEach(() => {
  counts.anthropic = anthropic.requests.length;
  counts.vertex = vertex.requests.length;
  counts.bedrock = bedrock.requests.length;
});

function routed(provider: string) {
  return { headers: { 'X-Respan-Route-Provider': provider } };
}

async function assertLogged(logId: string | null, providerId: string): Promise<void> {
  const log = await fetchLog(gateway, logId ?? assert.fail('the response names its log'));
  assert.equal(log.status, 'success');
  assert.equal(log.provider_id, providerId);
  assert.ok(typeof log.cost === 'number' && log.cost > 0, `Claude on ${providerId} is priced (got ${String(log.cost)})`);
}

test('without the header, the Claude slug goes to Anthropic', async () => {
  await client.chat.completions.create({ model: CLAUDE, messages });
  assert.equal(anthropic.requests.length - counts.anthropic, 1);
  assert.equal(anthropic.requests.at(-1)!.body.model, CLAUDE);
});

test('vertex_ai: served by Vertex AI as claude-sonnet-4@20250514, stream and not', async () => {
  const { data, response } = await client.chat.completions.create({ model: CLAUDE, messages }, routed('vertex_ai')).withResponse();
  assert.equal(data.choices[0].finish_reason, 'stop');
  assert.ok(data.choices[0].message.content);
  assert.equal(vertex.requests.at(-1)!.path, vertexPath('anthropic', 'claude-sonnet-4@20250514', 'rawPredict'));
  assert.equal(vertex.requests.at(-1)!.body.anthropic_version, 'vertex-2023-10-16');
  assert.equal(vertex.requests.at(-1)!.body.model, undefined, 'Vertex names the model in the URL only');
  await assertLogged(response.headers.get('x-respan-log-id'), 'vertex_ai');

  const { data: stream, response: streamResponse } = await client.chat.completions
    .create({ model: CLAUDE, messages, stream: true }, routed('vertex_ai')).withResponse();
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  assert.ok(text.length > 0);
  assert.equal(vertex.requests.at(-1)!.path, vertexPath('anthropic', 'claude-sonnet-4@20250514', 'streamRawPredict'));
  await assertLogged(streamResponse.headers.get('x-respan-log-id'), 'vertex_ai');
  assert.equal(vertex.requests.length - counts.vertex, 2);
  assert.equal(anthropic.requests.length - counts.anthropic, 0, 'Anthropic is not called');
});

test('bedrock: served by Bedrock Converse as anthropic.claude-sonnet-4-20250514-v1:0, signed, stream and not', async () => {
  const { data, response } = await client.chat.completions.create({ model: CLAUDE, messages }, routed('bedrock')).withResponse();
  assert.equal(data.choices[0].finish_reason, 'stop');
  assert.equal(bedrock.requests.at(-1)!.path, bedrockPath('anthropic.claude-sonnet-4-20250514-v1:0', 'converse'));
  await assertLogged(response.headers.get('x-respan-log-id'), 'bedrock');

  const { data: stream, response: streamResponse } = await client.chat.completions
    .create({ model: CLAUDE, messages, stream: true }, routed('bedrock')).withResponse();
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  assert.ok(text.length > 0);
  assert.equal(bedrock.requests.at(-1)!.path, bedrockPath('anthropic.claude-sonnet-4-20250514-v1:0', 'converse-stream'));
  await assertLogged(streamResponse.headers.get('x-respan-log-id'), 'bedrock');
  assert.ok(bedrock.signaturesValid(), 'every Bedrock call carries a valid SigV4 signature');
  assert.equal(anthropic.requests.length - counts.anthropic, 0, 'Anthropic is not called');
});

test('an unknown provider in the header is a 400 naming it, before any upstream call', async () => {
  await assert.rejects(client.chat.completions.create({ model: CLAUDE, messages }, routed('nowhere')), (error: InstanceType<typeof OpenAI.APIError>) => {
    assert.equal(error.status, 400);
    assert.match(error.message, /nowhere/);
    return true;
  });
  assert.equal(anthropic.requests.length + vertex.requests.length + bedrock.requests.length, counts.anthropic + counts.vertex + counts.bedrock);
});

test('vertex_ai: one token grant serves every request, whatever the model, stream or operation', async () => {
  await Promise.all([
    client.chat.completions.create({ model: 'vertex_ai/gemini-2.5-flash', messages }),
    client.chat.completions.create({ model: 'vertex_ai/claude-sonnet-4@20250514', messages }),
  ]);
  const stream = await client.chat.completions.create({ model: 'vertex_ai/gemini-2.5-flash', messages, stream: true });
  for await (const _chunk of stream) { /* drain */ }
  await client.embeddings.create({ model: 'vertex_ai/gemini-embedding-001', input: 'Hi', encoding_format: 'float' });

  assert.equal(vertex.requests.length - counts.vertex, 4);
  assert.equal(vertex.tokenRequests(), 1, 'the token was minted once for everything this gateway sent to Vertex AI');
  const tokens = new Set(vertex.requests.map((request) => request.headers.authorization));
  assert.deepEqual([...tokens], ['Bearer ya29.mock-1'], 'every call carried the same token');
});
