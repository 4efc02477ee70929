import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChatCompletionChunk } from '../../dialects/openai-chat/types.ts';
import { UpstreamError } from '../../errors/upstream-error.ts';
import { completeChat, openChatStream } from '../../gateway/chat-attempt.ts';
import { UpstreamHttpClient } from '../../upstream/http-client.ts';
import { VertexMockUpstream } from '../../../test/mock-upstreams/vertex-mock-upstream.ts';
import type { UpstreamRequest } from '../provider.ts';
import { vertexAIProvider } from './index.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const mock = new VertexMockUpstream({ publicKey });
const client = new UpstreamHttpClient({ connectS: 5, firstByteS: 5, idleStreamS: 5 });
let directory = '';

/** A fresh key (its own private_key_id, so its own cached client) whose token_uri is the mock's. */
function serviceAccountKey(tokenUri = mock.tokenUri) {
  return {
    type: 'service_account',
    project_id: 'test-project',
    private_key_id: randomUUID(),
    private_key: privateKey,
    client_email: 'gateway@test-project.iam.gserviceaccount.com',
    token_uri: tokenUri,
  };
}

function credentialsWith(key: unknown) {
  return { project: 'test-project', location: 'us-central1', base_url: mock.url, credentials: key };
}

function authorize(credentials: Record<string, unknown>): Promise<UpstreamRequest> {
  const target = vertexAIProvider.target({ operation: 'chat', upstreamModel: 'gemini-2.5-flash', stream: false, credentials });
  return vertexAIProvider.authorize!({ method: 'POST', body: '{}', ...target }, credentials);
}

before(async () => {
  await mock.start();
  directory = await mkdtemp(join(tmpdir(), 'vertex-key-'));
});
after(async () => {
  await client.close();
  await mock.close();
  await rm(directory, { recursive: true, force: true });
});

describe('vertexAIProvider.authorize', () => {
  it('mints a token with the JWT-bearer grant at the key token_uri and reuses it', async () => {
    mock.expiresIn = 3599;
    const credentials = credentialsWith(serviceAccountKey());
    const grantsBefore = mock.tokenRequests;
    const first = await authorize(credentials);
    const second = await authorize(credentials);
    const third = await authorize({ ...credentials });
    assert.equal(mock.tokenRequests - grantsBefore, 1);
    assert.match(first.headers.authorization, /^Bearer ya29\.mock-\d+$/);
    assert.equal(second.headers.authorization, first.headers.authorization);
    assert.equal(third.headers.authorization, first.headers.authorization);
    assert.equal(first.headers['content-type'], 'application/json');
    const grant = mock.tokenGrants.at(-1)!;
    assert.equal(grant.grantType, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    assert.equal(grant.claims.iss, 'gateway@test-project.iam.gserviceaccount.com');
    assert.equal(grant.claims.scope, 'https://www.googleapis.com/auth/cloud-platform');
    assert.equal(grant.claims.aud, mock.tokenUri);
  });

  it('shares one grant among concurrent requests', async () => {
    mock.expiresIn = 3599;
    const credentials = credentialsWith(serviceAccountKey());
    const grantsBefore = mock.tokenRequests;
    const results = await Promise.all([authorize(credentials), authorize(credentials), authorize(credentials)]);
    assert.equal(mock.tokenRequests - grantsBefore, 1);
    assert.equal(new Set(results.map((result) => result.headers.authorization)).size, 1);
  });

  it('refreshes a token that is about to expire', async () => {
    mock.expiresIn = 60; // inside the five-minute refresh margin: every use needs a new token
    const credentials = credentialsWith(serviceAccountKey());
    const grantsBefore = mock.tokenRequests;
    const first = await authorize(credentials);
    const second = await authorize(credentials);
    assert.equal(mock.tokenRequests - grantsBefore, 2);
    assert.notEqual(second.headers.authorization, first.headers.authorization);
    mock.expiresIn = 3599;
  });

  it('reads the key from JSON text and from a file path', async () => {
    const fromText = credentialsWith(JSON.stringify(serviceAccountKey()));
    assert.match((await authorize(fromText)).headers.authorization, /^Bearer /);
    const path = join(directory, 'key.json');
    await writeFile(path, JSON.stringify(serviceAccountKey()));
    const grantsBefore = mock.tokenRequests;
    const fromFile = credentialsWith(path);
    assert.match((await authorize(fromFile)).headers.authorization, /^Bearer /);
    await authorize(credentialsWith(path));
    assert.equal(mock.tokenRequests - grantsBefore, 1);
  });

  it('turns a refused grant into a fallbackable 401 that is not retried', async () => {
    mock.scriptToken({ kind: 'status', status: 400, body: '{"error":"invalid_grant","error_description":"Invalid JWT Signature."}' });
    await assert.rejects(authorize(credentialsWith(serviceAccountKey())), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.status, 401);
      assert.equal(error.kind, 'http');
      assert.equal(error.retryable, false);
      assert.equal(error.fallbackable, true);
      assert.match(error.message, /invalid_grant: Invalid JWT Signature/);
      return true;
    });
  });

  it('turns a failing token endpoint (5xx) into a retryable 502, asked once', async () => {
    mock.scriptToken({ kind: 'status', status: 503, body: '{"error":"temporarily_unavailable"}' });
    const grantsBefore = mock.tokenRequests;
    await assert.rejects(authorize(credentialsWith(serviceAccountKey())), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.status, 502);
      assert.equal(error.retryable, true);
      return true;
    });
    assert.equal(mock.tokenRequests - grantsBefore, 1);
  });

  it('turns an unreachable token endpoint into a retryable network error', async () => {
    const closed = new VertexMockUpstream();
    await closed.start();
    const tokenUri = closed.tokenUri;
    await closed.close();
    await assert.rejects(authorize(credentialsWith(serviceAccountKey(tokenUri))), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.kind, 'network');
      assert.equal(error.status, 502);
      assert.equal(error.retryable, true);
      return true;
    });
  });

  it('refuses an unusable key file or private key without calling the token endpoint', async () => {
    const grantsBefore = mock.tokenRequests;
    await assert.rejects(authorize(credentialsWith(join(directory, 'missing.json'))), (error: unknown) =>
      error instanceof UpstreamError && error.status === 401 && /could not be read \(ENOENT\)/.test(error.message));
    await assert.rejects(authorize(credentialsWith({ ...serviceAccountKey(), private_key: 'not a key' })), (error: unknown) =>
      error instanceof UpstreamError && error.status === 401 && /not a valid PEM private key/.test(error.message));
    assert.equal(mock.tokenRequests, grantsBefore);
  });
});

describe('vertexAIProvider against the Vertex mock', () => {
  const context = { requestedModel: 'model', nowSeconds: 1_750_000_000, responseId: 'chatcmpl-vertex' };
  const request = { model: 'model', messages: [{ role: 'user' as const, content: 'Hi' }], max_tokens: 256 };
  const signal = new AbortController().signal;

  it('serves Gemini on publishers/google with the bearer token', async () => {
    const target = { provider: vertexAIProvider, upstreamModel: 'gemini-2.5-flash', credentials: credentialsWith(serviceAccountKey()) };
    const { completion } = await completeChat({ client, target, request, context, signal });
    assert.equal(completion.choices[0].message.content, 'Hello! How can I help you today?');
    assert.equal(mock.lastRequest?.path, '/v1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent');
    assert.match(String(mock.lastRequest?.headers.authorization), /^Bearer ya29\.mock-/);
  });

  it('serves Claude on publishers/anthropic with rawPredict and streamRawPredict', async () => {
    const target = { provider: vertexAIProvider, upstreamModel: 'claude-sonnet-4@20250514', credentials: credentialsWith(serviceAccountKey()) };
    const { completion } = await completeChat({ client, target, request, context, signal });
    assert.equal(typeof completion.choices[0].message.content, 'string');
    assert.equal(mock.lastRequest?.path, '/v1/projects/test-project/locations/us-central1/publishers/anthropic/models/claude-sonnet-4@20250514:rawPredict');
    assert.equal(mock.lastRequest?.body.anthropic_version, 'vertex-2023-10-16');
    assert.equal(mock.lastRequest?.body.model, undefined);

    const opened = await openChatStream({ client, target, request, context, signal });
    const chunks: ChatCompletionChunk[] = [...opened.opening];
    for await (const chunk of opened.rest) chunks.push(chunk);
    assert.ok(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'stop'));
    assert.equal(mock.lastRequest?.path, '/v1/projects/test-project/locations/us-central1/publishers/anthropic/models/claude-sonnet-4@20250514:streamRawPredict');
  });

  it('answers 401 UNAUTHENTICATED for a token Vertex does not know', async () => {
    const target = vertexAIProvider.target({ operation: 'chat', upstreamModel: 'gemini-2.5-flash', stream: false, credentials: credentialsWith(serviceAccountKey()) });
    const response = await fetch(target.url, { method: 'POST', headers: { ...target.headers, authorization: 'Bearer forged' }, body: '{}' });
    assert.equal(response.status, 401);
    const error = vertexAIProvider.chat!.dialectFor('gemini-2.5-flash').decodeError({ status: 401, headers: response.headers, body: await response.text() });
    assert.equal(error.code, 'UNAUTHENTICATED');
    assert.equal(error.fallbackable, true);
  });
});
