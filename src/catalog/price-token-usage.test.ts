import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calcPrice } from '@pydantic/genai-prices';
import { bundledPricingProviders } from './bundled-pricing-providers.ts';
import { compileModelPricing } from './compile-model-pricing.ts';
import { priceTokenUsage } from './price-token-usage.ts';
import { pricingModelSet, resolvePricedModel } from './resolve-priced-model.ts';
import { concreteModelNames } from './concrete-model-names.ts';
import { datedSnapshotNames } from './dated-snapshot-names.ts';

// The fast path must agree with genai-prices' calcPrice on every model, usage shape and price date.
const USAGES = [
  { prompt_tokens: 1200, completion_tokens: 300 },
  { prompt_tokens: 5000, completion_tokens: 800, cached_tokens: 3000, cache_creation_tokens: 1000, reasoning_tokens: 500 },
  { prompt_tokens: 300_000, completion_tokens: 4000, cached_tokens: 100_000, reasoning_tokens: 3000 },
];
const MOMENTS = ['2025-01-01T03:00:00Z', '2026-11-23T02:00:00Z', '2026-11-23T08:00:00Z', '2026-11-23T20:00:00Z', '2027-06-01T12:00:00Z'].map((text) => new Date(text));

test('priceTokenUsage matches calcPrice for every model in the data', () => {
  let compared = 0;
  for (const provider of bundledPricingProviders) {
    for (const model of provider.models) {
      const pricing = compileModelPricing(model);
      const narrowed = { ...provider, models: [model] };
      for (const at of MOMENTS) {
        for (const usage of USAGES) {
          const expected = calcPrice(
            {
              input_tokens: usage.prompt_tokens,
              cache_read_tokens: usage.cached_tokens ?? 0,
              cache_write_tokens: usage.cache_creation_tokens ?? 0,
              output_tokens: usage.completion_tokens,
              output_reasoning_tokens: usage.reasoning_tokens ?? 0,
            },
            model.id,
            { provider: narrowed, timestamp: at },
          );
          // A model whose id its match logic does not accept cannot be priced by calcPrice under its id.
          if (expected === null) continue;
          const actual = priceTokenUsage(pricing.priceAt(at.getTime()), usage);
          const tolerance = 1e-12 + Math.abs(expected.total_price) * 1e-9;
          assert.ok(Math.abs(actual - expected.total_price) <= tolerance, `${provider.id} ${model.id} at ${at.toISOString()}: ${actual} ≠ ${expected.total_price}`);
          compared++;
        }
      }
    }
  }
  assert.ok(compared > 10_000, `compared ${compared} prices`);
});

test('resolvePricedModel picks the model calcPrice picks', () => {
  const snapshots = datedSnapshotNames();
  for (const provider of bundledPricingProviders) {
    const models = pricingModelSet(provider.id);
    assert.ok(models);
    const names = new Set([...provider.models.flatMap(concreteModelNames), ...snapshots]);
    for (const name of names) {
      const expected = calcPrice({ input_tokens: 1 }, name, { providerId: provider.id });
      if (expected === null) continue;
      assert.equal(resolvePricedModel(models, name)?.id, expected.model.id, `${provider.id} ${name}`);
    }
  }
});
