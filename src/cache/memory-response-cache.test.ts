import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { ChatCacheEntry } from './cache-entry.ts';
import { cacheScope, responseCacheKey } from './cache-key.ts';
import { MemoryResponseCache } from './memory-response-cache.ts';

function entry(text: string, customerIdentifier?: string): ChatCacheEntry {
  return {
    operation: 'chat', storedAt: 0, customerIdentifier,
    completion: { id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] },
  };
}

function keyFor(content: string, scope = cacheScope({ apiKeyId: 'k' })): string {
  return responseCacheKey({ operation: 'chat', request: { model: 'm', messages: [{ role: 'user', content }] }, scope, includeModel: true });
}

function cacheWithClock(options: { maxEntries?: number; maxBytes?: number } = {}) {
  const clock = { now: 1_000_000 };
  const metrics = new GatewayMetrics({ collectProcessMetrics: false });
  const cache = new MemoryResponseCache({ maxEntries: options.maxEntries ?? 100, maxBytes: options.maxBytes ?? 1_000_000, now: () => clock.now, metrics });
  return { cache, clock, metrics };
}

async function counterValue(counter: { get(): Promise<{ values: Array<{ value: number }> }> }): Promise<number> {
  return (await counter.get()).values.reduce((sum, sample) => sum + sample.value, 0);
}

describe('MemoryResponseCache', () => {
  it('returns what was stored, as a copy the caller may change', async () => {
    const { cache } = cacheWithClock();
    await cache.set(keyFor('a'), entry('A'), 60);
    const first = await cache.get(keyFor('a')) as ChatCacheEntry;
    assert.deepEqual(first, JSON.parse(JSON.stringify(entry('A'))));
    first.completion.choices[0].message.content = 'changed';
    assert.equal((await cache.get(keyFor('a')) as ChatCacheEntry).completion.choices[0].message.content, 'A');
  });

  it('expires an entry at its TTL (injected clock, no waiting)', async () => {
    const { cache, clock, metrics } = cacheWithClock();
    await cache.set(keyFor('a'), entry('A'), 30);
    clock.now += 29_999;
    assert.ok(await cache.get(keyFor('a')));
    clock.now += 1;
    assert.equal(await cache.get(keyFor('a')), undefined);
    assert.deepEqual(cache.size, { entries: 0, bytes: 0 });
    assert.equal(await counterValue(metrics.cacheHits), 1);
    assert.equal(await counterValue(metrics.cacheMisses), 1);
  });

  it('stores nothing for a TTL that is not positive', async () => {
    const { cache } = cacheWithClock();
    await cache.set(keyFor('a'), entry('A'), 0);
    await cache.set(keyFor('b'), entry('B'), Number.NaN);
    assert.equal(cache.size.entries, 0);
  });

  it('evicts the least recently used entry past the entry bound', async () => {
    const { cache } = cacheWithClock({ maxEntries: 2 });
    await cache.set(keyFor('a'), entry('A'), 60);
    await cache.set(keyFor('b'), entry('B'), 60);
    await cache.get(keyFor('a'));
    await cache.set(keyFor('c'), entry('C'), 60);
    assert.ok(await cache.get(keyFor('a')));
    assert.equal(await cache.get(keyFor('b')), undefined);
    assert.ok(await cache.get(keyFor('c')));
  });

  it('evicts by bytes, keeps the count exact, and skips an entry larger than the whole budget', async () => {
    const { cache, metrics } = cacheWithClock({ maxBytes: 1_000 });
    const small = entry('x'.repeat(100));
    await cache.set(keyFor('a'), small, 60);
    const perEntry = cache.size.bytes;
    const fits = Math.floor(1_000 / perEntry);
    for (let index = 1; index <= fits; index++) await cache.set(keyFor(`k${index}`), small, 60);
    assert.equal(cache.size.entries, fits);
    assert.ok(cache.size.bytes <= 1_000);
    assert.equal(await cache.get(keyFor('a')), undefined, 'the oldest went first');
    await cache.set(keyFor('huge'), entry('x'.repeat(2_000)), 60);
    assert.equal(await cache.get(keyFor('huge')), undefined);
    assert.equal(cache.size.entries, fits);
    assert.equal((await metrics.cacheEntries.get()).values[0].value, fits);
    assert.equal((await metrics.cacheBytes.get()).values[0].value, cache.size.bytes);
  });

  it('replacing an entry does not count its bytes twice', async () => {
    const { cache } = cacheWithClock();
    await cache.set(keyFor('a'), entry('A'), 60);
    const once = cache.size;
    await cache.set(keyFor('a'), entry('A'), 60);
    assert.deepEqual(cache.size, once);
  });

  it('purges by scope, by writing customer, or everything, counting live entries', async () => {
    const { cache, clock } = cacheWithClock();
    const shared = cacheScope({ apiKeyId: 'k' });
    const ann = cacheScope({ apiKeyId: 'k', customerIdentifier: 'ann' });
    await cache.set(keyFor('1', shared), entry('1', 'ann'), 60);
    await cache.set(keyFor('2', shared), entry('2', 'bob'), 60);
    await cache.set(keyFor('3', ann), entry('3', 'ann'), 60);
    await cache.set(keyFor('4', ann), entry('4', 'ann'), 1);
    clock.now += 1_000;
    assert.equal(await cache.purge({ scope: ann }), 1, 'the expired one is removed but not counted');
    assert.equal(await cache.purge({ customerIdentifier: 'ann' }), 1);
    assert.ok(await cache.get(keyFor('2', shared)));
    assert.equal(await cache.purge(), 1);
    assert.deepEqual(cache.size, { entries: 0, bytes: 0 });
  });
});
