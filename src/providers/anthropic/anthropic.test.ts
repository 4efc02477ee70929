import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anthropicProvider } from './index.ts';

describe('anthropicProvider', () => {
  it('targets /v1/messages with x-api-key and anthropic-version', () => {
    const target = anthropicProvider.target({ operation: 'chat', upstreamModel: 'claude-sonnet-4-20250514', stream: true, credentials: { api_key: 'sk-ant-1' } });
    assert.deepEqual(target, {
      url: 'https://api.anthropic.com/v1/messages',
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-1', 'anthropic-version': '2023-06-01' },
    });
    assert.equal('authorization' in target.headers, false);
  });

  it('a base_url replaces the public endpoint, with or without /v1 and trailing slashes', () => {
    for (const base_url of ['http://127.0.0.1:9000', 'http://127.0.0.1:9000/', 'http://127.0.0.1:9000/v1', 'http://127.0.0.1:9000/v1/']) {
      const target = anthropicProvider.target({ operation: 'chat', upstreamModel: 'claude-3-5-haiku-latest', stream: false, credentials: { api_key: 'k', base_url } });
      assert.equal(target.url, 'http://127.0.0.1:9000/v1/messages', base_url);
    }
  });

  it('checks credentials', () => {
    assert.deepEqual(anthropicProvider.checkCredentials({ api_key: 'sk-ant-1' }), { ok: true });
    assert.deepEqual(anthropicProvider.checkCredentials({ api_key: 'sk-ant-1', base_url: 'https://proxy.example.com' }), { ok: true });
    assert.deepEqual(anthropicProvider.checkCredentials({}), { ok: false, errors: { api_key: ['required'] } });
    assert.deepEqual(anthropicProvider.checkCredentials({ api_key: 7, base_url: 'api.anthropic.com' }), {
      ok: false,
      errors: { api_key: ['expected a string'], base_url: ['expected a URL'] },
    });
  });

  it('speaks the Anthropic dialect, has no embeddings, serves Claude models and is priced as anthropic', () => {
    assert.equal(anthropicProvider.chat?.dialectFor('claude-sonnet-4-20250514').name, 'anthropic-messages');
    assert.equal(anthropicProvider.embeddings, undefined);
    assert.equal('embeddings' in anthropicProvider, false);
    assert.equal(anthropicProvider.servesModel?.('claude-sonnet-4-20250514'), true);
    assert.equal(anthropicProvider.servesModel?.('claude-3-5-haiku-latest'), true);
    assert.equal(anthropicProvider.servesModel?.('gpt-4o'), false);
    assert.equal(anthropicProvider.pricingProviderId, 'anthropic');
    assert.equal(anthropicProvider.id, 'anthropic');
  });
});
