// Cost of the cache on the request path: `node src/cache/response-cache.bench.ts`
// (set REDIS_URL to measure the Redis store too). Prints microseconds per call after warm-up.
import { Redis } from 'ioredis';
import { readFixtureEvents } from '../dialects/openai-chat/fixtures/read-fixture.ts';
import type { ChatCompletionChunk } from '../dialects/openai-chat/types.ts';
import type { ChatCacheEntry } from './cache-entry.ts';
import { cacheScope, responseCacheKey } from './cache-key.ts';
import { completionFromChunks } from './chat-stream-conversion.ts';
import { MemoryResponseCache } from './memory-response-cache.ts';
import { RedisResponseCache } from './redis-response-cache.ts';
import type { ResponseCache } from './response-cache.ts';

const chunks = readFixtureEvents('stream-text.sse').filter((event) => event.data !== '[DONE]').map((event) => JSON.parse(event.data) as ChatCompletionChunk);
const entry: ChatCacheEntry = { operation: 'chat', storedAt: Date.now(), completion: completionFromChunks(chunks), chunks };
const request = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are a helpful assistant. '.repeat(10) },
    { role: 'user', content: 'Tell me about the weather in Paris today, briefly. '.repeat(5) },
  ],
  temperature: 0.2, max_tokens: 256, stream: true,
};
const scope = cacheScope({ apiKeyId: 'key_1' });

function measure(label: string, calls: number, body: (call: number) => void): void {
  for (let call = 0; call < calls / 10; call++) body(call);
  const started = performance.now();
  for (let call = 0; call < calls; call++) body(call);
  console.log(`${label}: ${(((performance.now() - started) * 1000) / calls).toFixed(2)} µs`);
}

async function measureAsync(label: string, calls: number, body: (call: number) => Promise<unknown>): Promise<void> {
  for (let call = 0; call < calls / 10; call++) await body(call);
  const started = performance.now();
  for (let call = 0; call < calls; call++) await body(call);
  console.log(`${label}: ${(((performance.now() - started) * 1000) / calls).toFixed(2)} µs`);
}

async function measureStore(name: string, cache: ResponseCache, calls: number): Promise<void> {
  const keys = Array.from({ length: 1_000 }, (_value, index) => responseCacheKey({ operation: 'chat', request: { ...request, seed: index }, scope, includeModel: true }));
  await measureAsync(`${name} set (${JSON.stringify(entry).length} B entry)`, calls, (call) => cache.set(keys[call % keys.length], entry, 60));
  await measureAsync(`${name} get, hit`, calls, (call) => cache.get(keys[call % keys.length]));
  await measureAsync(`${name} key + get, hit`, calls, (call) => cache.get(responseCacheKey({ operation: 'chat', request: { ...request, seed: call % keys.length }, scope, includeModel: true })));
}

measure(`responseCacheKey (${JSON.stringify(request).length} B request)`, 200_000, () => responseCacheKey({ operation: 'chat', request, scope, includeModel: true }));
await measureStore('memory', new MemoryResponseCache({ maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 }), 200_000);
if (process.env.REDIS_URL !== undefined) {
  const redis = new Redis(process.env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  await new Promise((resolve) => redis.once('ready', resolve));
  const keyPrefix = `switchboard-bench:${process.pid}:`;
  const cache = new RedisResponseCache({ redis, keyPrefix });
  await measureStore('redis', cache, 20_000);
  await cache.purge();
  redis.disconnect();
}
