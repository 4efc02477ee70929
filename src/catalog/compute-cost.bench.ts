// Throughput of computeCost after warm-up: `node src/catalog/compute-cost.bench.ts`.
// Prints calls per second for each case and, for comparison, genai-prices' own calcPrice.
import { calcPrice } from '@pydantic/genai-prices';
import { computeCost } from './compute-cost.ts';
import type { ComputeCostOptions } from './compute-cost.ts';
import type { CatalogEntry } from './model-catalog.ts';

const CALLS = 2_000_000;
const WARM_UP_CALLS = 200_000;

const customEntry: CatalogEntry = {
  model_name: 'my-llama', provider_id: 'ollama', input_cost: 0.2, output_cost: 0.4, context_window: null, mode: 'chat', price_source: 'config',
};
const usage = { prompt_tokens: 1200, completion_tokens: 300, cached_tokens: 200, cache_creation_tokens: 0, reasoning_tokens: 0 };

const cases: Array<{ label: string; options: ComputeCostOptions }> = [
  { label: 'openai gpt-4o (flat)', options: { pricingProviderId: 'openai', model: 'gpt-4o', usage } },
  { label: 'anthropic claude-sonnet-4-5 (tiered)', options: { pricingProviderId: 'anthropic', model: 'claude-sonnet-4-5-20250929', usage } },
  { label: 'deepseek-chat (time of day)', options: { pricingProviderId: 'deepseek', model: 'deepseek-chat', usage } },
  { label: 'custom model (configured)', options: { entry: customEntry, model: 'my-llama', usage } },
];

let sink = 0;
for (const { label, options } of cases) {
  for (let call = 0; call < WARM_UP_CALLS; call++) sink += computeCost(options);
  const started = performance.now();
  for (let call = 0; call < CALLS; call++) sink += computeCost(options);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: ${Math.round(CALLS / seconds).toLocaleString('en-US')} calls/s`);
}

// Mixed: every call a different model and usage, as in a real log stream.
const mixed = cases.map(({ options }, index) => ({ ...options, usage: { ...usage, prompt_tokens: 1000 + index * 100_000 } }));
for (let call = 0; call < WARM_UP_CALLS; call++) sink += computeCost(mixed[call % mixed.length]);
const mixedStarted = performance.now();
for (let call = 0; call < CALLS; call++) sink += computeCost(mixed[call % mixed.length]);
console.log(`mixed models: ${Math.round(CALLS / ((performance.now() - mixedStarted) / 1000)).toLocaleString('en-US')} calls/s`);

const calcPriceUsage = { input_tokens: 1200, cache_read_tokens: 200, output_tokens: 300 };
for (let call = 0; call < WARM_UP_CALLS / 10; call++) sink += calcPrice(calcPriceUsage, 'gpt-4o', { providerId: 'openai' })?.total_price ?? 0;
const started = performance.now();
for (let call = 0; call < CALLS / 10; call++) sink += calcPrice(calcPriceUsage, 'gpt-4o', { providerId: 'openai' })?.total_price ?? 0;
console.log(`calcPrice gpt-4o, for comparison: ${Math.round(CALLS / 10 / ((performance.now() - started) / 1000)).toLocaleString('en-US')} calls/s`);
if (Number.isNaN(sink)) console.log('unreachable: keeps the loops from being optimized away');
