import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calcPrice } from '@pydantic/genai-prices';
import type { Provider } from '../providers/provider.ts';
import { buildModelCatalog } from './build-model-catalog.ts';
import { compareProviderPriority } from './default-provider-priority.ts';

function fakeProvider(id: string, pricingProviderId?: string): Provider {
  return { id, pricingProviderId } as unknown as Provider;
}

const openai = fakeProvider('openai', 'openai');
const anthropic = fakeProvider('anthropic', 'anthropic');
const gemini = fakeProvider('gemini', 'google');
const groq = fakeProvider('groq', 'groq');
const ollama = fakeProvider('ollama');

// Configuration order is deliberately not priority order.
const catalog = buildModelCatalog({ providers: [groq, gemini, ollama, anthropic, openai], customModels: [] });

/** USD per 1M tokens as genai-prices computes it; priced on 1,000 tokens so no volume tier applies. */
function libraryPrice(options: { model: string; pricingProviderId: string; kind: 'input_tokens' | 'output_tokens' }): number {
  const result = calcPrice({ [options.kind]: 1000 }, options.model, { providerId: options.pricingProviderId });
  assert.ok(result, `genai-prices prices ${options.model}`);
  return result.total_price * 1000;
}

const REQUIRED = [
  { model: 'gpt-4o', providerId: 'openai', pricingProviderId: 'openai', mode: 'chat' },
  { model: 'gpt-4o-mini', providerId: 'openai', pricingProviderId: 'openai', mode: 'chat' },
  { model: 'gpt-4.1-mini', providerId: 'openai', pricingProviderId: 'openai', mode: 'chat' },
  { model: 'text-embedding-3-small', providerId: 'openai', pricingProviderId: 'openai', mode: 'embedding' },
  { model: 'claude-sonnet-4-20250514', providerId: 'anthropic', pricingProviderId: 'anthropic', mode: 'chat' },
  { model: 'gemini-2.5-flash', providerId: 'gemini', pricingProviderId: 'google', mode: 'chat' },
] as const;

for (const required of REQUIRED) {
  test(`lists ${required.model} on ${required.providerId} at genai-prices' prices`, () => {
    const listed = catalog.list().find((entry) => entry.model_name === required.model);
    assert.ok(listed, `${required.model} is listed`);
    assert.equal(listed.provider_id, required.providerId);
    assert.equal(listed.mode, required.mode);
    assert.ok(Math.abs(listed.input_cost - libraryPrice({ ...required, kind: 'input_tokens' })) < 1e-9);
    assert.ok(Math.abs(listed.output_cost - libraryPrice({ ...required, kind: 'output_tokens' })) < 1e-9);
    assert.ok(listed.input_cost > 0);
    assert.equal(catalog.get(required.model), listed);
  });
}

test('lists cache prices and the context window from the data', () => {
  const sonnet = catalog.get('claude-sonnet-4-20250514');
  assert.ok(sonnet);
  assert.ok(sonnet.cache_read_cost !== undefined && sonnet.cache_read_cost < sonnet.input_cost);
  assert.ok(sonnet.cache_write_cost !== undefined && sonnet.cache_write_cost > sonnet.input_cost);
  assert.equal(typeof sonnet.context_window, 'number');
});

test('list has one entry per name, sorted by name', () => {
  const names = catalog.list().map((entry) => entry.model_name);
  assert.deepEqual(names, [...names].sort());
  assert.equal(new Set(names).size, names.length);
});

test('a dated name that genai-prices matches only by prefix resolves on first use and is memoized', () => {
  const dated = 'claude-sonnet-4-5-20991231';
  assert.equal(catalog.list().some((entry) => entry.model_name === dated), false);
  const entry = catalog.get(dated);
  assert.ok(entry);
  assert.equal(entry.model_name, dated);
  assert.equal(entry.provider_id, 'anthropic');
  assert.equal(entry.input_cost, catalog.get('claude-sonnet-4-5')?.input_cost);
  assert.equal(catalog.get(dated), entry, 'the second lookup returns the memoized entry');
});

test('names genai-prices does not price, and deprecated models, are unknown', () => {
  assert.equal(catalog.get('no-such-model'), undefined);
  assert.deepEqual(catalog.entriesFor('no-such-model'), []);
  assert.equal(catalog.get('no-such-model'), undefined, 'a remembered miss stays a miss');
  // Deprecated in genai-prices' Google data.
  assert.equal(catalog.get('gemini-2.5-flash-preview'), undefined);
});

test('a model several providers price defaults to its maker and keeps the others', () => {
  const entries = catalog.entriesFor('claude-sonnet-4-20250514');
  assert.equal(entries[0].provider_id, 'anthropic');
  // Google's data prices Claude too (Vertex); the pair stays available for routing to it.
  assert.ok(entries.some((entry) => entry.provider_id === 'gemini'));
  assert.equal(new Set(entries.map((entry) => entry.provider_id)).size, entries.length);
});

test('provider priority: first-party before hosts, unknown providers last and alphabetical', () => {
  const sorted = ['openrouter', 'zeta', 'groq', 'alpha', 'vertex_ai', 'anthropic', 'openai'].sort(compareProviderPriority);
  assert.deepEqual(sorted, ['openai', 'anthropic', 'vertex_ai', 'groq', 'openrouter', 'alpha', 'zeta']);
});

test('host-only models are listed on their host', () => {
  const entry = catalog.get('llama-3.3-70b-versatile');
  assert.equal(entry?.provider_id, 'groq');
});

test('custom models are listed at their configured prices and win over the data', () => {
  const withCustom = buildModelCatalog({
    providers: [openai, ollama],
    customModels: [
      { modelName: 'my-llama', provider: 'ollama', inputCost: 0.1, outputCost: 0.2, contextWindow: 8192 },
      { modelName: 'free-model', provider: 'ollama' },
      { modelName: 'gpt-4o', provider: 'openai', inputCost: 1, outputCost: 2 },
      { modelName: 'my-embedder', provider: 'ollama', upstreamModel: 'nomic-embed-text' },
    ],
  });
  assert.deepEqual(withCustom.get('my-llama'), {
    model_name: 'my-llama', provider_id: 'ollama', input_cost: 0.1, output_cost: 0.2, context_window: 8192, mode: 'chat', price_source: 'config',
  });
  assert.equal(withCustom.get('free-model')?.input_cost, 0);
  assert.equal(withCustom.get('free-model')?.output_cost, 0);
  assert.equal(withCustom.get('gpt-4o')?.input_cost, 1);
  assert.equal(withCustom.entriesFor('gpt-4o').filter((entry) => entry.provider_id === 'openai').length, 1);
  assert.equal(withCustom.get('my-embedder')?.mode, 'embedding');
  assert.equal(withCustom.get('my-embedder')?.upstream_model, 'nomic-embed-text');
  assert.ok(withCustom.list().some((entry) => entry.model_name === 'my-llama'));
});

test('aliases are listed with their target provider and prices', () => {
  const withAliases = buildModelCatalog({
    providers: [openai, anthropic],
    customModels: [
      { modelName: 'fast', baseModelName: 'gpt-4o-mini' },
      { modelName: 'smart', baseModelName: 'claude-sonnet-4-5-20250929' },
      { modelName: 'fastest', baseModelName: 'fast' },
      { modelName: 'cheap-fast', baseModelName: 'gpt-4o-mini', inputCost: 0.01, outputCost: 0.02 },
      { modelName: 'loop-a', baseModelName: 'loop-b' },
      { modelName: 'loop-b', baseModelName: 'loop-a' },
    ],
  });
  const target = withAliases.get('gpt-4o-mini');
  assert.ok(target);
  assert.equal(withAliases.aliasTarget('fast'), 'gpt-4o-mini');
  assert.equal(withAliases.aliasTarget('gpt-4o-mini'), undefined);
  assert.deepEqual(withAliases.get('fast'), { ...target, model_name: 'fast', upstream_model: 'gpt-4o-mini' });
  assert.equal(withAliases.get('smart')?.provider_id, 'anthropic');
  assert.equal(withAliases.get('fastest')?.input_cost, target.input_cost);
  assert.equal(withAliases.get('cheap-fast')?.input_cost, 0.01);
  assert.equal(withAliases.get('cheap-fast')?.price_source, 'config');
  assert.equal(withAliases.get('loop-a'), undefined);
  assert.ok(withAliases.list().some((entry) => entry.model_name === 'fast'));
});

test('providers without genai-prices data list nothing of their own', () => {
  const hostOnly = buildModelCatalog({ providers: [ollama, fakeProvider('unknown', 'not-in-genai-prices')], customModels: [] });
  assert.deepEqual(hostOnly.list(), []);
});
