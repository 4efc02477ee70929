import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChatCompletionChunk } from '../../dialects/openai-chat/types.ts';
import { UpstreamError } from '../../errors/upstream-error.ts';
import { completeChat, openChatStream } from '../../gateway/chat-attempt.ts';
import { UpstreamHttpClient } from '../../upstream/http-client.ts';
import { GeminiMockUpstream } from '../../../test/mock-upstreams/gemini-mock-upstream.ts';
import { geminiProvider } from './index.ts';

const credentials = { api_key: 'AIza-test-key' };

describe('geminiProvider', () => {
  it('targets generateContent, streamGenerateContent?alt=sse and batchEmbedContents with the key in a header', () => {
    const chat = geminiProvider.target({ operation: 'chat', upstreamModel: 'gemini-2.5-flash', stream: false, credentials });
    assert.equal(chat.url, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent');
    assert.deepEqual(chat.headers, { 'content-type': 'application/json', 'x-goog-api-key': 'AIza-test-key' });
    const stream = geminiProvider.target({ operation: 'chat', upstreamModel: 'gemini-2.5-flash', stream: true, credentials });
    assert.equal(stream.url, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    const embeddings = geminiProvider.target({ operation: 'embeddings', upstreamModel: 'gemini-embedding-001', stream: false, credentials });
    assert.equal(embeddings.url, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents');
    for (const target of [chat, stream, embeddings]) assert.ok(!target.url.includes('AIza'), 'the key never goes in the URL');
  });

  it('honours base_url, with or without a version segment, and model resource names', () => {
    const proxied = { api_key: 'k', base_url: 'http://127.0.0.1:9999/' };
    assert.equal(geminiProvider.target({ operation: 'chat', upstreamModel: 'gemma-3-27b-it', stream: false, credentials: proxied }).url,
      'http://127.0.0.1:9999/v1beta/models/gemma-3-27b-it:generateContent');
    const versioned = { api_key: 'k', base_url: 'https://proxy.example/google/v1' };
    assert.equal(geminiProvider.target({ operation: 'chat', upstreamModel: 'tunedModels/my-model', stream: false, credentials: versioned }).url,
      'https://proxy.example/google/v1/tunedModels/my-model:generateContent');
  });

  it('validates credentials', () => {
    assert.deepEqual(geminiProvider.checkCredentials({ api_key: 'k' }), { ok: true });
    assert.deepEqual(geminiProvider.checkCredentials({ base_url: 'not a url' }), { ok: false, errors: { api_key: ['required'], base_url: ['expected a URL'] } });
  });

  it('serves Gemini, Gemma and embedding models, not the Claude models in Google price data', () => {
    for (const name of ['gemini-2.5-flash', 'gemma-3-27b-it', 'gemini-embedding-001', 'text-embedding-004']) assert.equal(geminiProvider.servesModel?.(name), true, name);
    for (const name of ['claude-sonnet-4-20250514', 'claude-3-5-haiku']) assert.equal(geminiProvider.servesModel?.(name), false, name);
  });
});

describe('geminiProvider against the Gemini mock', () => {
  const mock = new GeminiMockUpstream({ apiKey: 'AIza-test-key' });
  const client = new UpstreamHttpClient({ connectS: 5, firstByteS: 5, idleStreamS: 5 });
  const context = { requestedModel: 'gemini-2.5-flash', nowSeconds: 1_750_000_000, responseId: 'chatcmpl-mock' };
  let target: { provider: typeof geminiProvider; upstreamModel: string; credentials: Record<string, string> };

  before(async () => {
    await mock.start();
    target = { provider: geminiProvider, upstreamModel: 'gemini-2.5-flash', credentials: { ...credentials, base_url: mock.url } };
  });
  after(async () => {
    await client.close();
    await mock.close();
  });

  const request = { model: 'gemini-2.5-flash', messages: [{ role: 'user' as const, content: 'Hi' }] };

  it('completes a chat', async () => {
    const { completion } = await completeChat({ client, target, request, context, signal: new AbortController().signal });
    assert.equal(completion.choices[0].message.content, 'Hello! How can I help you today?');
    assert.equal(completion.usage?.total_tokens, 37);
    assert.equal(mock.lastRequest?.path, '/v1beta/models/gemini-2.5-flash:generateContent');
    assert.deepEqual(mock.lastRequest?.body, { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] });
  });

  it('streams a chat over CRLF-framed SSE to the end', async () => {
    const opened = await openChatStream({ client, target, request, context, signal: new AbortController().signal });
    const chunks: ChatCompletionChunk[] = [...opened.opening];
    for await (const chunk of opened.rest) chunks.push(chunk);
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello! How can I help you today?');
    assert.equal(chunks.at(-1)?.usage?.total_tokens, 13);
    assert.equal(mock.lastRequest?.path, '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
  });

  it('reports a stream cut before its finish reason as stream-cut', async () => {
    mock.script({ kind: 'cut-stream', afterEvents: 2 });
    const opened = await openChatStream({ client, target, request, context, signal: new AbortController().signal });
    await assert.rejects(async () => {
      for await (const _chunk of opened.rest) { /* drain */ }
    }, (error: unknown) => error instanceof UpstreamError && error.kind === 'stream-cut');
  });

  it('maps a 429 RESOURCE_EXHAUSTED to a retryable error with its delay', async () => {
    mock.script({ kind: 'rate-limited' });
    await assert.rejects(completeChat({ client, target, request, context, signal: new AbortController().signal }), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.status, 429);
      assert.equal(error.retryable, true);
      assert.equal(error.retryAfterMs, 38_000);
      return true;
    });
  });

  it('passes a refused key on as a fallbackable 400', async () => {
    const wrongKey = { ...target, credentials: { api_key: 'wrong', base_url: mock.url } };
    await assert.rejects(completeChat({ client, target: wrongKey, request, context, signal: new AbortController().signal }), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.status, 400);
      assert.equal(error.fallbackable, true);
      return true;
    });
  });
});

describe('the Gemini mock upstream', () => {
  const mock = new GeminiMockUpstream();
  const headers = { 'content-type': 'application/json', 'x-goog-api-key': 'k' };
  const body = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] });

  before(() => mock.start());
  after(() => mock.close());

  it('frames SSE events with CRLF, as Google does', async () => {
    const response = await fetch(`${mock.url}/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, { method: 'POST', headers, body });
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const text = await response.text();
    assert.ok(text.startsWith('data: {"candidates": '));
    assert.equal(text.split('\r\n\r\n').filter((event) => event !== '').length, 3);
  });

  it('streams a JSON array without alt=sse', async () => {
    const response = await fetch(`${mock.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent`, { method: 'POST', headers, body });
    const pieces = JSON.parse(await response.text()) as Array<{ candidates: Array<{ content: { parts: Array<{ text: string }> } }> }>;
    assert.equal(pieces.map((piece) => piece.candidates[0].content.parts[0].text).join(''), 'Hello! How can I help you today?');
  });

  it('serves countTokens, embedContent and batchEmbedContents', async () => {
    const count = await (await fetch(`${mock.url}/v1beta/models/gemini-2.5-flash:countTokens`, { method: 'POST', headers, body })).json() as { totalTokens: number };
    assert.equal(count.totalTokens, 4);
    const single = await (await fetch(`${mock.url}/v1/models/gemini-embedding-001:embedContent`, { method: 'POST', headers, body: '{"content":{"parts":[{"text":"a"}]}}' })).json() as { embedding: { values: number[] } };
    assert.equal(single.embedding.values.length, 4);
    const credentials = { api_key: 'k', base_url: mock.url };
    const target = geminiProvider.target({ operation: 'embeddings', upstreamModel: 'gemini-embedding-001', stream: false, credentials });
    const dialect = geminiProvider.embeddings!.dialectFor('gemini-embedding-001');
    const native = dialect.encodeRequest({ model: 'gemini-embedding-001', input: ['a', 'b', 'c'] }, { upstreamModel: 'gemini-embedding-001' });
    const response = await fetch(target.url, { method: 'POST', headers: target.headers, body: JSON.stringify(native) });
    const embeddings = dialect.decodeResponse(await response.json(), { requestedModel: 'gemini-embedding-001', nowSeconds: 0, responseId: 'e', encodingFormat: 'float' });
    assert.equal(embeddings.data.length, 3);
    assert.equal(mock.lastRequest?.path, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
  });

  it('answers scripted failures with Google error bodies', async () => {
    mock.script({ kind: 'unavailable' }, { kind: 'rate-limited', retryAfterSeconds: 2 });
    const unavailable = await fetch(`${mock.url}/v1beta/models/gemini-2.5-flash:generateContent`, { method: 'POST', headers, body });
    assert.equal(unavailable.status, 503);
    assert.equal((await unavailable.json() as { error: { status: string } }).error.status, 'UNAVAILABLE');
    const limited = await fetch(`${mock.url}/v1beta/models/gemini-2.5-flash:generateContent`, { method: 'POST', headers, body });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.equal((await limited.json() as { error: { status: string } }).error.status, 'RESOURCE_EXHAUSTED');
  });
});
