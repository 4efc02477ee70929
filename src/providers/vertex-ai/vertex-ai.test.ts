import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vertexAIProvider } from './index.ts';

const key = { type: 'service_account', project_id: 'key-project', client_email: 'gateway@key-project.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nMII...\n-----END PRIVATE KEY-----\n' };
const credentials = { project: 'my-project', location: 'us-east5', credentials: key };

function urlFor(upstreamModel: string, options: { stream?: boolean; operation?: 'chat' | 'embeddings'; credentials?: Record<string, unknown> } = {}): string {
  return vertexAIProvider.target({
    operation: options.operation ?? 'chat',
    upstreamModel,
    stream: options.stream ?? false,
    credentials: options.credentials ?? credentials,
  }).url;
}

describe('vertexAIProvider', () => {
  it('targets publishers/google for Gemini: generateContent and streamGenerateContent?alt=sse', () => {
    const base = 'https://us-east5-aiplatform.googleapis.com/v1/projects/my-project/locations/us-east5/publishers/google/models/gemini-2.5-flash';
    assert.equal(urlFor('gemini-2.5-flash'), `${base}:generateContent`);
    assert.equal(urlFor('gemini-2.5-flash', { stream: true }), `${base}:streamGenerateContent?alt=sse`);
  });

  it('targets publishers/anthropic for Claude: rawPredict and streamRawPredict, @ kept literal', () => {
    const base = 'https://us-east5-aiplatform.googleapis.com/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514';
    assert.equal(urlFor('claude-sonnet-4@20250514'), `${base}:rawPredict`);
    assert.equal(urlFor('claude-sonnet-4@20250514', { stream: true }), `${base}:streamRawPredict`);
  });

  it('targets :predict for embeddings', () => {
    assert.equal(urlFor('text-embedding-005', { operation: 'embeddings' }),
      'https://us-east5-aiplatform.googleapis.com/v1/projects/my-project/locations/us-east5/publishers/google/models/text-embedding-005:predict');
  });

  it('uses the global host for the global location, base_url in place of the host, us-central1 by default', () => {
    assert.equal(urlFor('gemini-2.5-flash', { credentials: { ...credentials, location: 'global' } }),
      'https://aiplatform.googleapis.com/v1/projects/my-project/locations/global/publishers/google/models/gemini-2.5-flash:generateContent');
    assert.equal(urlFor('gemini-2.5-flash', { credentials: { ...credentials, base_url: 'http://127.0.0.1:8000/' } }),
      'http://127.0.0.1:8000/v1/projects/my-project/locations/us-east5/publishers/google/models/gemini-2.5-flash:generateContent');
    assert.equal(urlFor('gemini-2.5-flash', { credentials: { credentials: key } }),
      'https://us-central1-aiplatform.googleapis.com/v1/projects/key-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent');
  });

  it("accepts Respan's credential names", () => {
    const respan = { vertex_ai_project: 'respan-project', vertex_ai_location: 'europe-west1', vertex_ai_credentials: JSON.stringify(key) };
    assert.deepEqual(vertexAIProvider.checkCredentials(respan), { ok: true });
    assert.match(urlFor('gemini-2.5-flash', { credentials: respan }), /^https:\/\/europe-west1-aiplatform\.googleapis\.com\/v1\/projects\/respan-project\/locations\/europe-west1\//);
  });

  it('sends no credentials in target(): authorize() adds the bearer token', () => {
    const target = vertexAIProvider.target({ operation: 'chat', upstreamModel: 'gemini-2.5-flash', stream: false, credentials });
    assert.deepEqual(target.headers, { 'content-type': 'application/json' });
  });

  it('maps Claude catalog names to Vertex ids and leaves others alone', () => {
    const upstreamModelFor = vertexAIProvider.upstreamModelFor!;
    assert.equal(upstreamModelFor('claude-sonnet-4-20250514'), 'claude-sonnet-4@20250514');
    assert.equal(upstreamModelFor('claude-3-5-sonnet-20240620'), 'claude-3-5-sonnet@20240620');
    assert.equal(upstreamModelFor('claude-opus-4-1-20250805'), 'claude-opus-4-1@20250805');
    assert.equal(upstreamModelFor('claude-3-5-sonnet-20241022'), 'claude-3-5-sonnet-v2@20241022');
    assert.equal(upstreamModelFor('claude-sonnet-4-5'), undefined);
    assert.equal(upstreamModelFor('gemini-2.5-flash'), undefined);
  });

  it('picks the Anthropic dialect for Claude and the Gemini dialect otherwise', () => {
    assert.equal(vertexAIProvider.chat?.dialectFor('claude-sonnet-4@20250514').name, 'anthropic-messages');
    assert.equal(vertexAIProvider.chat?.dialectFor('gemini-2.5-flash').name, 'gemini');
    assert.equal(vertexAIProvider.embeddings?.dialectFor('text-embedding-005').name, 'vertex-embeddings');
  });

  it('serves Gemini, Gemma, embedding and Claude models', () => {
    for (const name of ['gemini-2.5-pro', 'gemma-3-27b-it', 'gemini-embedding-001', 'claude-sonnet-4-20250514']) {
      assert.equal(vertexAIProvider.servesModel?.(name), true, name);
    }
    assert.equal(vertexAIProvider.servesModel?.('gpt-4o'), false);
  });

  it('accepts the key as an object, JSON text or a file path', () => {
    assert.deepEqual(vertexAIProvider.checkCredentials(credentials), { ok: true });
    assert.deepEqual(vertexAIProvider.checkCredentials({ ...credentials, credentials: JSON.stringify(key) }), { ok: true });
    assert.deepEqual(vertexAIProvider.checkCredentials({ ...credentials, credentials: '/etc/switchboard/key.json' }), { ok: true });
  });

  it('names what is wrong with credentials', () => {
    assert.deepEqual(vertexAIProvider.checkCredentials({ credentials: '/etc/key.json', location: 'us central' }), {
      ok: false,
      errors: { project: ['required (or a project_id in an inline service-account key)'], location: ['expected a Vertex AI location such as us-central1 or global'] },
    });
    assert.deepEqual(vertexAIProvider.checkCredentials({ project: 'p', credentials: '{"client_email": "x"' }), { ok: false, errors: { credentials: ['not valid JSON'] } });
    assert.deepEqual(vertexAIProvider.checkCredentials({ project: 'p', credentials: { client_email: 'x' } }), { ok: false, errors: { credentials: ['the service-account key has no private_key'] } });
    assert.deepEqual(vertexAIProvider.checkCredentials({ project: 'p' }), { ok: false, errors: { credentials: ['required'] } });
  });
});
