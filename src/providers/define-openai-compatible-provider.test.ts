import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../errors/gateway-error.ts';
import { defineOpenAICompatibleProvider } from './define-openai-compatible-provider.ts';
import { groqProvider } from './groq/index.ts';
import { mistralProvider } from './mistral/index.ts';
import { ollamaProvider } from './ollama/index.ts';
import { openAIProvider } from './openai/index.ts';
import { builtInProviders } from './registry.ts';
import { vllmProvider } from './vllm/index.ts';

const chatCall = { operation: 'chat' as const, upstreamModel: 'gpt-4o', stream: false };

describe('defineOpenAICompatibleProvider', () => {
  it('openai: default endpoint with a bearer key', () => {
    const target = openAIProvider.target({ ...chatCall, credentials: { api_key: 'sk-test' } });
    assert.deepEqual(target, {
      url: 'https://api.openai.com/v1/chat/completions',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
    });
  });

  it('openai: a custom base_url replaces the default, trailing slashes ignored', () => {
    const credentials = { api_key: 'sk-test', base_url: 'http://127.0.0.1:4010/v1/' };
    assert.equal(openAIProvider.target({ ...chatCall, credentials }).url, 'http://127.0.0.1:4010/v1/chat/completions');
    assert.equal(
      openAIProvider.target({ ...chatCall, operation: 'embeddings', upstreamModel: 'text-embedding-3-small', credentials }).url,
      'http://127.0.0.1:4010/v1/embeddings',
    );
  });

  it('returns a fresh headers object per call', () => {
    const credentials = { api_key: 'sk-test' };
    const first = openAIProvider.target({ ...chatCall, credentials });
    first.headers['x-extra'] = '1';
    assert.equal(openAIProvider.target({ ...chatCall, credentials }).headers['x-extra'], undefined);
  });

  it('ollama: local default endpoint, no authorization header without a key', () => {
    const target = ollamaProvider.target({ ...chatCall, upstreamModel: 'llama3.2', credentials: {} });
    assert.deepEqual(target, { url: 'http://127.0.0.1:11434/v1/chat/completions', headers: { 'content-type': 'application/json' } });
    assert.deepEqual(ollamaProvider.checkCredentials({}), { ok: true });
    assert.equal(ollamaProvider.target({ ...chatCall, credentials: { api_key: 'proxy-key' } }).headers.authorization, 'Bearer proxy-key');
  });

  it('a custom host: base_url required, key optional', () => {
    const host = defineOpenAICompatibleProvider({ id: 'my_host', displayName: 'my_host', apiKeyRequired: false, embeddings: true });
    assert.deepEqual(host.checkCredentials({}), { ok: false, errors: { base_url: ['required'] } });
    const credentials = { base_url: 'https://llm.internal.example.com/openai/v1' };
    assert.deepEqual(host.checkCredentials(credentials), { ok: true });
    assert.deepEqual(host.target({ ...chatCall, upstreamModel: 'qwen3', credentials }), {
      url: 'https://llm.internal.example.com/openai/v1/chat/completions',
      headers: { 'content-type': 'application/json' },
    });
    assert.throws(() => host.target({ ...chatCall, credentials: {} }), GatewayError);
  });

  it('checks credentials: api_key required, base_url a URL, unknown fields allowed', () => {
    assert.deepEqual(groqProvider.checkCredentials({ api_key: 'gsk_1', organization: 'x' }), { ok: true });
    assert.deepEqual(groqProvider.checkCredentials({}), { ok: false, errors: { api_key: ['required'] } });
    assert.deepEqual(groqProvider.checkCredentials({ api_key: 42 }), { ok: false, errors: { api_key: ['expected a string'] } });
    assert.deepEqual(groqProvider.checkCredentials({ api_key: 'gsk_1', base_url: 'not a url' }), { ok: false, errors: { base_url: ['expected a URL'] } });
    assert.deepEqual(groqProvider.checkCredentials({ api_key: 'gsk_1', base_url: 'ftp://example.com' }), { ok: false, errors: { base_url: ['expected a URL'] } });
    assert.deepEqual(vllmProvider.checkCredentials({}), { ok: false, errors: { base_url: ['required'] } });
  });

  it('offers embeddings only where the host serves them', () => {
    assert.ok(openAIProvider.embeddings);
    assert.equal('embeddings' in groqProvider, false);
    assert.ok(groqProvider.chat);
  });

  it("applies a host's quirks to its dialect only", () => {
    const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], max_completion_tokens: 10 };
    const mistralBody = mistralProvider.chat?.dialectFor('mistral-small-latest').encodeRequest(request, { upstreamModel: 'mistral-small-latest', stream: true });
    assert.deepEqual(mistralBody, { model: 'mistral-small-latest', messages: request.messages, stream: true, max_tokens: 10 });
    const openAIBody = openAIProvider.chat?.dialectFor('gpt-4o').encodeRequest(request, { upstreamModel: 'gpt-4o', stream: true });
    assert.deepEqual(openAIBody, { ...request, model: 'gpt-4o', stream: true, stream_options: { include_usage: true } });
  });

  it('every OpenAI-compatible host targets its documented endpoint', () => {
    const expected: Record<string, string> = {
      cerebras: 'https://api.cerebras.ai/v1',
      deepseek: 'https://api.deepseek.com',
      fireworks_ai: 'https://api.fireworks.ai/inference/v1',
      groq: 'https://api.groq.com/openai/v1',
      lm_studio: 'http://127.0.0.1:1234/v1',
      mistral: 'https://api.mistral.ai/v1',
      ollama: 'http://127.0.0.1:11434/v1',
      openai: 'https://api.openai.com/v1',
      openrouter: 'https://openrouter.ai/api/v1',
      perplexity: 'https://api.perplexity.ai',
      together_ai: 'https://api.together.xyz/v1',
      xai: 'https://api.x.ai/v1',
    };
    for (const [id, baseUrl] of Object.entries(expected)) {
      const provider = builtInProviders.find((candidate) => candidate.id === id);
      assert.ok(provider, `${id} is built in`);
      assert.equal(provider.target({ ...chatCall, credentials: { api_key: 'k' } }).url, `${baseUrl}/chat/completions`, id);
    }
  });
});
