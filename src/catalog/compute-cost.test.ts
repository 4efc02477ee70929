import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calcPrice } from '@pydantic/genai-prices';
import type { Usage } from '@pydantic/genai-prices';
import { computeCost } from './compute-cost.ts';
import type { CatalogEntry } from './model-catalog.ts';

function libraryCost(usage: Usage, model: string, pricingProviderId: string, at?: Date): number {
  const result = calcPrice(usage, model, { providerId: pricingProviderId, timestamp: at });
  assert.ok(result, `genai-prices prices ${model}`);
  return result.total_price;
}

function assertClose(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12 + Math.abs(expected) * 1e-9, `${actual} ≈ ${expected}`);
}

const customEntry: CatalogEntry = {
  model_name: 'my-llama', provider_id: 'ollama', input_cost: 0.5, output_cost: 1.5, context_window: null, mode: 'chat', price_source: 'config',
};

test('plain usage costs what genai-prices says', () => {
  const cost = computeCost({ pricingProviderId: 'openai', model: 'gpt-4o', usage: { prompt_tokens: 1200, completion_tokens: 300 } });
  assert.ok(cost > 0);
  assertClose(cost, libraryCost({ input_tokens: 1200, output_tokens: 300 }, 'gpt-4o', 'openai'));
});

test('cached prompt tokens are billed at the cheaper cache-read rate', () => {
  const plain = computeCost({ pricingProviderId: 'openai', model: 'gpt-4o', usage: { prompt_tokens: 1000, completion_tokens: 100 } });
  const cached = computeCost({ pricingProviderId: 'openai', model: 'gpt-4o', usage: { prompt_tokens: 1000, completion_tokens: 100, cached_tokens: 800 } });
  assert.ok(cached < plain);
  assertClose(cached, libraryCost({ input_tokens: 1000, cache_read_tokens: 800, output_tokens: 100 }, 'gpt-4o', 'openai'));
});

test('cache writes and reads on a dated Anthropic snapshot', () => {
  const usage = { prompt_tokens: 5000, completion_tokens: 255, cached_tokens: 1000, cache_creation_tokens: 3000 };
  const cost = computeCost({ pricingProviderId: 'anthropic', model: 'claude-sonnet-4-20250514', usage });
  assertClose(cost, libraryCost({ input_tokens: 5000, cache_read_tokens: 1000, cache_write_tokens: 3000, output_tokens: 255 }, 'claude-sonnet-4-20250514', 'anthropic'));
});

test('a long prompt moves every rate to the higher tier', () => {
  const usage = { prompt_tokens: 250_000, completion_tokens: 1000, cached_tokens: 50_000 };
  const cost = computeCost({ pricingProviderId: 'anthropic', model: 'claude-sonnet-4-5', usage });
  assertClose(cost, libraryCost({ input_tokens: 250_000, cache_read_tokens: 50_000, output_tokens: 1000 }, 'claude-sonnet-4-5', 'anthropic'));
  const short = computeCost({ pricingProviderId: 'anthropic', model: 'claude-sonnet-4-5', usage: { prompt_tokens: 150_000, completion_tokens: 1000 } });
  assert.ok(cost / 250_000 > short / 150_000);
});

test('time-of-day prices follow the request time', () => {
  const usage = { prompt_tokens: 10_000, completion_tokens: 2000 };
  for (const at of [new Date('2026-11-23T02:00:00Z'), new Date('2026-11-23T20:00:00Z')]) {
    const cost = computeCost({ pricingProviderId: 'deepseek', model: 'deepseek-chat', usage, at: at.getTime() });
    assertClose(cost, libraryCost({ input_tokens: 10_000, output_tokens: 2000 }, 'deepseek-chat', 'deepseek', at));
  }
});

test('custom models are billed at their configured prices, even where genai-prices has a price', () => {
  const usage = { prompt_tokens: 2_000_000, completion_tokens: 1_000_000 };
  assertClose(computeCost({ entry: customEntry, model: 'my-llama', usage }), 2 * 0.5 + 1 * 1.5);
  const overridden: CatalogEntry = { ...customEntry, model_name: 'gpt-4o', provider_id: 'openai', input_cost: 1, output_cost: 0 };
  assertClose(computeCost({ entry: overridden, pricingProviderId: 'openai', model: 'gpt-4o', usage }), 2);
});

test('a model genai-prices cannot price falls back to the listed entry, then to zero', () => {
  const listed: CatalogEntry = { ...customEntry, price_source: 'genai-prices', cache_read_cost: 0.1 };
  const usage = { prompt_tokens: 1_000_000, completion_tokens: 0, cached_tokens: 500_000 };
  assertClose(computeCost({ entry: listed, pricingProviderId: 'openai', model: 'my-deployment', usage }), 0.5 * 0.5 + 0.5 * 0.1);
  assert.equal(computeCost({ pricingProviderId: 'openai', model: 'no-such-model', usage }), 0);
  assert.equal(computeCost({ model: 'no-such-model', usage }), 0);
  assert.equal(computeCost({ pricingProviderId: 'not-in-genai-prices', model: 'gpt-4o', usage }), 0);
});

test('inconsistent counts are clamped rather than thrown: a log must still be written', () => {
  const cost = computeCost({ pricingProviderId: 'openai', model: 'gpt-4o', usage: { prompt_tokens: 100, completion_tokens: 10, cached_tokens: 500 } });
  assert.ok(Number.isFinite(cost) && cost > 0);
});

test('Azure prices OpenAI models through genai-prices fallback providers', () => {
  const usage = { prompt_tokens: 1000, completion_tokens: 100 };
  assertClose(computeCost({ pricingProviderId: 'azure', model: 'gpt-4o', usage }), libraryCost({ input_tokens: 1000, output_tokens: 100 }, 'gpt-4o', 'azure'));
});
