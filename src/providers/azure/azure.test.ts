import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { azureProvider } from './index.ts';

const credentials = { api_key: 'azure-key', api_base: 'https://my-resource.openai.azure.com/', api_version: '2025-01-01-preview' };

describe('azureProvider', () => {
  it('targets the deployment with api-version and an api-key header', () => {
    const target = azureProvider.target({ operation: 'chat', upstreamModel: 'gpt-4o-prod', stream: true, credentials });
    assert.deepEqual(target, {
      url: 'https://my-resource.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2025-01-01-preview',
      headers: { 'content-type': 'application/json', 'api-key': 'azure-key' },
    });
    assert.equal('authorization' in target.headers, false);
  });

  it('embeddings, the default api_version, and base_url as a synonym of api_base', () => {
    const target = azureProvider.target({
      operation: 'embeddings',
      upstreamModel: 'embedding small',
      stream: false,
      credentials: { api_key: 'k', base_url: 'https://r2.openai.azure.com' },
    });
    assert.equal(target.url, 'https://r2.openai.azure.com/openai/deployments/embedding%20small/embeddings?api-version=2024-10-21');
  });

  it('checks credentials', () => {
    assert.deepEqual(azureProvider.checkCredentials(credentials), { ok: true });
    assert.deepEqual(azureProvider.checkCredentials({ api_key: 'k', base_url: 'https://r.openai.azure.com' }), { ok: true });
    assert.deepEqual(azureProvider.checkCredentials({}), { ok: false, errors: { api_key: ['required'], api_base: ['required'] } });
    assert.deepEqual(azureProvider.checkCredentials({ api_key: 'k', api_base: 'my-resource' }), { ok: false, errors: { api_base: ['expected a URL'] } });
    assert.deepEqual(azureProvider.checkCredentials({ api_key: 'k', api_base: 'https://r.openai.azure.com', api_version: 20241021 }), {
      ok: false,
      errors: { api_version: ['expected a string'] },
    });
  });

  it('speaks the OpenAI dialect for chat and embeddings, and is priced as azure', () => {
    assert.equal(azureProvider.chat?.dialectFor('my-deployment').name, 'openai-chat');
    assert.equal(azureProvider.embeddings?.dialectFor('my-deployment').name, 'openai-embeddings');
    assert.equal(azureProvider.pricingProviderId, 'azure');
    assert.deepEqual(azureProvider.aliases, ['azure_openai']);
  });
});
