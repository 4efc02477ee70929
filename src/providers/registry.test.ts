import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtInProviders, createProviderRegistry } from './registry.ts';

describe('createProviderRegistry', () => {
  const registry = createProviderRegistry();

  it('lists every provider once, sorted by id', () => {
    const ids = registry.all().map((provider) => provider.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.deepEqual(new Set(ids).size, ids.length);
    for (const id of ['anthropic', 'azure', 'groq', 'ollama', 'openai', 'together_ai', 'vllm', 'xai']) assert.ok(ids.includes(id), id);
    assert.deepEqual(builtInProviders.map((provider) => provider.id), ids, 'the source list is kept sorted');
  });

  it('resolves ids and aliases case-insensitively', () => {
    assert.equal(registry.resolve('openai')?.id, 'openai');
    assert.equal(registry.resolve('OpenAI')?.id, 'openai');
    assert.equal(registry.resolve('azure_openai')?.id, 'azure');
    assert.equal(registry.resolve('togetherai')?.id, 'together_ai');
    assert.equal(registry.resolve('Together')?.id, 'together_ai');
    assert.equal(registry.resolve('fireworks')?.id, 'fireworks_ai');
    assert.equal(registry.resolve('nope'), undefined);
  });

  it('adds custom OpenAI-compatible hosts, keeping built-ins for known names', () => {
    const withCustom = createProviderRegistry({ customOpenAICompatibleIds: ['my_llm', 'Fireworks', 'acme'] });
    const custom = withCustom.resolve('MY_LLM');
    assert.equal(custom?.id, 'my_llm');
    assert.equal(custom?.defaultBaseUrl, undefined);
    assert.deepEqual(custom?.checkCredentials({ base_url: 'http://10.0.0.5:8000/v1' }), { ok: true });
    assert.ok(custom?.embeddings);
    assert.equal(withCustom.resolve('fireworks'), registry.resolve('fireworks_ai'));
    assert.deepEqual(withCustom.all().map((provider) => provider.id).filter((id) => id === 'acme' || id === 'my_llm'), ['acme', 'my_llm']);
  });

  it('prices each host with its @pydantic/genai-prices id', async () => {
    const { findProvider } = await import('@pydantic/genai-prices');
    for (const provider of registry.all()) {
      if (provider.pricingProviderId === undefined) continue;
      assert.equal(findProvider({ providerId: provider.pricingProviderId })?.id, provider.pricingProviderId, provider.id);
    }
  });
});
