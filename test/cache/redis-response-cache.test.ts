import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import type { ChatCacheEntry } from '../../src/cache/cache-entry.ts';
import { cacheScope, responseCacheKey } from '../../src/cache/cache-key.ts';
import { completionFromChunks } from '../../src/cache/chat-stream-conversion.ts';
import { createResponseCache } from '../../src/cache/create-response-cache.ts';
import { RedisResponseCache } from '../../src/cache/redis-response-cache.ts';
import { readFixtureEvents } from '../../src/dialects/openai-chat/fixtures/read-fixture.ts';
import type { ChatCompletionChunk } from '../../src/dialects/openai-chat/types.ts';
import { GatewayMetrics } from '../../src/metrics/gateway-metrics.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// One prefix per run, with glob characters in it, so runs never collide and SCAN MATCH must escape it.
const runPrefix = `switchboard-test:${randomUUID()}:`;
const prefix = `${runPrefix}[a]*?:`;

const streamEvents = readFixtureEvents('stream-text.sse').filter((event) => event.data !== '[DONE]');
const streamChunks = streamEvents.map((event) => JSON.parse(event.data) as ChatCompletionChunk);
const streamedEntry = (customerIdentifier?: string): ChatCacheEntry => ({
  operation: 'chat', storedAt: 1_753_467_891_000, providerId: 'openai', model: 'gpt-4o-mini',
  ...(customerIdentifier === undefined ? {} : { customerIdentifier }),
  completion: completionFromChunks(streamChunks), chunks: streamChunks,
});
const keyFor = (content: string, scope = cacheScope({ apiKeyId: 'key_1' })) =>
  responseCacheKey({ operation: 'chat', request: { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }, scope, includeModel: false });

async function counterValue(counter: { get(): Promise<{ values: Array<{ value: number }> }> }): Promise<number> {
  return (await counter.get()).values.reduce((sum, sample) => sum + sample.value, 0);
}

describe('RedisResponseCache (real Redis)', () => {
  let redis: Redis;
  let otherReplica: Redis;

  before(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    otherReplica = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    await Promise.all([redis.ping(), otherReplica.ping()]);
  });

  after(async () => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${runPrefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
    redis.disconnect();
    otherReplica.disconnect();
  });

  it('round-trips an entry with its TTL set in Redis, and replays the stream byte for byte', async () => {
    const metrics = new GatewayMetrics({ collectProcessMetrics: false });
    const cache = createResponseCache({ redis, keyPrefix: prefix, metrics });
    const key = keyFor('round trip');
    await cache.set(key, streamedEntry(), 120);
    const ttl = await redis.ttl(`${prefix}cache:${key}`);
    assert.ok(ttl > 110 && ttl <= 120, `TTL ${ttl}`);
    const stored = await cache.get(key) as ChatCacheEntry;
    assert.deepEqual(stored, streamedEntry());
    // What a stream hit sends: each stored chunk serialized again is the original event's data.
    assert.deepEqual(stored.chunks?.map((chunk) => JSON.stringify(chunk)), streamEvents.map((event) => event.data));
    assert.equal(await counterValue(metrics.cacheHits), 1);
    assert.equal(await cache.get(keyFor('never stored')), undefined);
    assert.equal(await counterValue(metrics.cacheMisses), 1);
  });

  it('rounds a fractional TTL up to whole seconds and stores nothing for a TTL of 0', async () => {
    const cache = new RedisResponseCache({ redis, keyPrefix: prefix });
    await cache.set(keyFor('fractional'), streamedEntry(), 1.2);
    assert.equal(await redis.ttl(`${prefix}cache:${keyFor('fractional')}`), 2);
    await cache.set(keyFor('zero'), streamedEntry(), 0);
    assert.equal(await redis.exists(`${prefix}cache:${keyFor('zero')}`), 0);
  });

  it('is shared by replicas: an entry written through one client is read through another', async () => {
    await new RedisResponseCache({ redis, keyPrefix: prefix }).set(keyFor('shared'), streamedEntry(), 60);
    assert.deepEqual(await new RedisResponseCache({ redis: otherReplica, keyPrefix: prefix }).get(keyFor('shared')), streamedEntry());
  });

  it('deletes one entry', async () => {
    const cache = new RedisResponseCache({ redis, keyPrefix: prefix });
    await cache.set(keyFor('to delete'), streamedEntry(), 60);
    await cache.delete(keyFor('to delete'));
    assert.equal(await cache.get(keyFor('to delete')), undefined);
  });

  it('treats a value it cannot read as a miss and counts the error', async () => {
    const metrics = new GatewayMetrics({ collectProcessMetrics: false });
    const cache = new RedisResponseCache({ redis, keyPrefix: prefix, metrics });
    await redis.set(`${prefix}cache:${keyFor('corrupt')}`, '{not json', 'EX', 60);
    assert.equal(await cache.get(keyFor('corrupt')), undefined);
    assert.equal(await counterValue(metrics.cacheErrors), 1);
  });

  it('purges by scope, by writing customer across scopes, and everything, leaving other prefixes alone', async () => {
    const purgePrefix = `${prefix}purge:`;
    const cache = new RedisResponseCache({ redis, keyPrefix: purgePrefix });
    const shared = cacheScope({ apiKeyId: 'key_1' });
    const annOnly = cacheScope({ apiKeyId: 'key_1', customerIdentifier: 'ann@example.com' });
    await cache.set(keyFor('1', shared), streamedEntry('ann@example.com'), 60);
    await cache.set(keyFor('2', shared), streamedEntry('bob'), 60);
    await cache.set(keyFor('3', annOnly), streamedEntry('ann@example.com'), 300);
    await cache.set(keyFor('4', annOnly), streamedEntry('ann@example.com'), 60);
    await cache.set(keyFor('5', shared), streamedEntry(), 60);
    // A key the unescaped pattern `…[a]*?:purge:cache:*` would match.
    const decoy = `${runPrefix}a-decoy:purge:cache:x`;
    await redis.set(decoy, 'not ours', 'EX', 60);

    const indexes = await redis.keys(`${runPrefix}*cache-customer:*`);
    assert.equal(indexes.length, 2);
    const annIndexTtls = await Promise.all(indexes.map((index) => redis.ttl(index)));
    assert.ok(annIndexTtls.some((ttl) => ttl > 250), 'an index lives as long as its longest entry');

    assert.equal(await cache.purge({ scope: annOnly, customerIdentifier: 'ann@example.com' }), 2);
    assert.equal(await cache.purge({ customerIdentifier: 'ann@example.com' }), 1, 'the entry Ann wrote in the key-wide scope');
    assert.equal(await cache.purge({ customerIdentifier: 'ann@example.com' }), 0);
    assert.ok(await cache.get(keyFor('2', shared)));
    await cache.set(keyFor('6', annOnly), streamedEntry(), 60);
    assert.equal(await cache.purge({ scope: annOnly }), 1);
    assert.equal(await cache.purge(), 2);
    assert.deepEqual(await redis.keys(`${runPrefix}*purge:*`), [decoy]);
  });
});

describe('RedisResponseCache (Redis unavailable)', () => {
  it('answers misses and skips writes when Redis is unreachable, without rejections', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    const client = new Redis({ host: '127.0.0.1', port: 1, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 50 });
    client.on('error', () => { /* reconnect attempts; the cache reports through its metrics */ });
    try {
      const metrics = new GatewayMetrics({ collectProcessMetrics: false });
      const cache = new RedisResponseCache({ redis: client, keyPrefix: prefix, metrics });
      assert.equal(await cache.get(keyFor('down')), undefined);
      await cache.set(keyFor('down'), streamedEntry('ann'), 60);
      await cache.set(keyFor('down'), streamedEntry(), 60);
      await cache.delete(keyFor('down'));
      assert.equal(await counterValue(metrics.cacheErrors), 4);
      assert.equal(await counterValue(metrics.cacheMisses), 1);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(rejections, []);
    } finally {
      process.off('unhandledRejection', onRejection);
      client.disconnect();
    }
  });

  it('gives up on a Redis that accepts commands but never answers, after the command timeout', { timeout: 5_000 }, async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => { sockets.add(socket); socket.on('error', () => {}); });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    // No handshake and no ready check: the client is ready once connected, as it would be when
    // Redis stalls mid-session.
    const client = new Redis({ host: '127.0.0.1', port, protocol: 2, disableClientInfo: true, enableReadyCheck: false, maxRetriesPerRequest: 0 });
    client.on('error', () => {});
    try {
      await new Promise<void>((resolve) => client.once('ready', () => resolve()));
      const metrics = new GatewayMetrics({ collectProcessMetrics: false });
      const cache = new RedisResponseCache({ redis: client, keyPrefix: prefix, metrics, commandTimeoutMs: 50 });
      const started = performance.now();
      assert.equal(await cache.get(keyFor('slow')), undefined);
      await cache.set(keyFor('slow'), streamedEntry('ann'), 60);
      assert.equal(await counterValue(metrics.cacheErrors), 2);
      console.log(`# silent Redis: get + set gave up after ${(performance.now() - started).toFixed(0)} ms`);
    } finally {
      client.disconnect();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
