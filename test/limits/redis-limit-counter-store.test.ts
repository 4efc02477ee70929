import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { GatewayError } from '../../src/errors/gateway-error.ts';
import { type LimitedSubject, LimitEnforcer, type LimitsUnavailablePolicy } from '../../src/limits/limit-enforcer.ts';
import { RedisLimitCounterStore } from '../../src/limits/redis-limit-counter-store.ts';
import { GatewayMetrics } from '../../src/metrics/gateway-metrics.ts';
import { limitCounterStoreSuite, suiteStart } from './limit-counter-store-suite.ts';
import { RedisProxy, closedPort, connectRedis, deleteKeysWithPrefix, testKeyPrefix } from './redis-test-support.ts';

const keyPrefix = testKeyPrefix();
const clients: Redis[] = [];
let redis: Redis;

function client(url?: string): Redis {
  const created = connectRedis(url);
  clients.push(created);
  return created;
}

before(() => {
  redis = client();
});

after(async () => {
  await deleteKeysWithPrefix(redis, keyPrefix);
  for (const created of clients) created.disconnect();
});

function enforcerOn(options: { redis: Redis; policy?: LimitsUnavailablePolicy; commandTimeoutMs?: number }) {
  const metrics = new GatewayMetrics({ collectProcessMetrics: false });
  const warnings: string[] = [];
  const store = new RedisLimitCounterStore({ redis: options.redis, keyPrefix, commandTimeoutMs: options.commandTimeoutMs ?? 2_000 });
  const enforcer = new LimitEnforcer({ store, metrics, warn: (message) => warnings.push(message), ...(options.policy && { unavailablePolicy: options.policy }) });
  return { enforcer, metrics, warnings };
}

function apiKey(limits: LimitedSubject['limits']): LimitedSubject {
  return { subject: `key:${randomUUID()}`, kind: 'api_key', label: 'team-a', limits };
}

async function counterValue(counter: { get(): Promise<{ values: Array<{ value: number }> }> }): Promise<number> {
  return (await counter.get()).values.reduce((sum, entry) => sum + entry.value, 0);
}

describe('RedisLimitCounterStore', () => {
  // A generous timeout: these tests check the counting, not Redis's speed on a busy machine.
  limitCounterStoreSuite((now) => new RedisLimitCounterStore({ redis, keyPrefix, now, commandTimeoutMs: 2_000 }));

  test('200 concurrent admits through two replicas against block_at 50 serve exactly 50', async () => {
    const replicas = [enforcerOn({ redis: client() }), enforcerOn({ redis: client() })];
    const subject = apiKey([{ metric: 'requests', window: 'day', blockAt: 50 }]);
    const outcomes = await Promise.allSettled(Array.from({ length: 200 }, (_unused, index) =>
      replicas[index % 2].enforcer.admit({ subjects: [subject], estimate: { tokens: 100, cost: 0.001 } })));
    const admissions = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    assert.equal(admissions.length, 50);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') assert.equal((outcome.reason as GatewayError).status, 429);
    }
    await Promise.all(admissions.map((admission) => admission.settle({ tokens: 80, cost: 0.001 })));
    const usage = await replicas[1].enforcer.usage(subject);
    assert.deepEqual(usage.map(({ used, reserved }) => [used, reserved]), [[50, 0]]);
    await assert.rejects(replicas[0].enforcer.admit({ subjects: [subject], estimate: { tokens: 1, cost: 0 } }), { status: 429 });
  });

  test('counters live under REDIS_KEY_PREFIX and expire after their window ends; lifetime ones never', async () => {
    const store = new RedisLimitCounterStore({ redis, keyPrefix, now: () => suiteStart });
    const subject = `key:${randomUUID()}`;
    const outcome = await store.reserve({
      subjects: [{ subject, limits: [{ metric: 'cost', window: 'day', blockAt: 5 }, { metric: 'tokens', window: 'lifetime', blockAt: 5 }] }],
      estimate: { tokens: 1, cost: 1 },
    });
    assert.ok(outcome.admitted);
    const dayKey = `${keyPrefix}limits:${subject}:cost:2031-01-15`;
    const expiresAt = await redis.pexpiretime(dayKey);
    assert.equal(expiresAt, Date.UTC(2031, 0, 16) + 5 * 60_000);
    assert.equal(await redis.pttl(`${keyPrefix}limits:${subject}:tokens:lifetime`), -1);
  });

  test('scripts are loaded again after Redis forgets them (EVALSHA falls back to EVAL)', async () => {
    const store = new RedisLimitCounterStore({ redis, keyPrefix, commandTimeoutMs: 2_000 });
    await redis.script('FLUSH');
    const outcome = await store.reserve({ subjects: [{ subject: `key:${randomUUID()}`, limits: [{ metric: 'requests', window: 'day', blockAt: 1 }] }], estimate: { tokens: 0, cost: 0 } });
    assert.equal(outcome.admitted, true);
  });

  test('a reservation its replica never settled expires out of the count', async () => {
    const clock = { now: suiteStart };
    const store = new RedisLimitCounterStore({ redis, keyPrefix, now: () => clock.now, reservationTtlMs: 60_000, commandTimeoutMs: 2_000 });
    const subject = { subject: `key:${randomUUID()}`, limits: [{ metric: 'requests' as const, window: 'hour' as const, blockAt: 1 }] };
    const abandoned = await store.reserve({ subjects: [subject], estimate: { tokens: 0, cost: 0 } });
    assert.ok(abandoned.admitted);
    assert.equal((await store.reserve({ subjects: [subject], estimate: { tokens: 0, cost: 0 } })).admitted, false);
    clock.now += 61_000;
    assert.deepEqual((await store.usage(subject)).map(({ used, reserved }) => [used, reserved]), [[0, 0]]);
    assert.equal((await store.reserve({ subjects: [subject], estimate: { tokens: 0, cost: 0 } })).admitted, true);
    // A late settle of the expired reservation still counts its usage, once.
    await store.settle(abandoned.reservation, { tokens: 0, cost: 0 });
    assert.deepEqual((await store.usage(subject)).map(({ used, reserved }) => [used, reserved]), [[1, 1]]);
  });
});

describe('Redis unavailable', () => {
  const limits = [{ metric: 'requests' as const, window: 'day' as const, blockAt: 100 }];

  async function stoppedMidRun(policy: LimitsUnavailablePolicy) {
    const proxy = await new RedisProxy().start();
    const proxied = client(proxy.url);
    const replica = enforcerOn({ redis: proxied, policy, commandTimeoutMs: 100 });
    const subject = apiKey(limits);
    const served = await replica.enforcer.admit({ subjects: [subject], estimate: { tokens: 0, cost: 0 } });
    const closed = once(proxied, 'close');
    await proxy.stop();
    await closed;
    return { ...replica, subject, served };
  }

  test('fail_open: requests are admitted uncounted, and /metrics says so', async () => {
    const { enforcer, metrics, warnings, subject, served } = await stoppedMidRun('fail_open');
    const admission = await enforcer.admit({ subjects: [subject], estimate: { tokens: 0, cost: 0 } });
    await admission.settle({ tokens: 10, cost: 0.01 });
    await served.settle({ tokens: 10, cost: 0.01 }); // settling into an unreachable store must not throw either
    // The refused reserve and the failed settle; the uncounted admission's settle does nothing.
    assert.equal(await counterValue(metrics.limitStoreUnavailable), 2);
    assert.equal(await counterValue(metrics.limitStoreUp), 0);
    assert.equal(warnings.length, 1, 'an outage is logged once, not per request');
    assert.match(await metrics.registry.metrics(), /switchboard_limit_store_unavailable_total\{operation="reserve",policy="fail_open"\} 1/);
  });

  test('fail_closed: requests are refused with 503 limits_unavailable', async () => {
    const { enforcer } = await stoppedMidRun('fail_closed');
    await assert.rejects(enforcer.admit({ subjects: [apiKey(limits)], estimate: { tokens: 0, cost: 0 } }), (error: unknown) => {
      assert.ok(error instanceof GatewayError);
      assert.equal(error.status, 503);
      assert.equal(error.code, 'limits_unavailable');
      return true;
    });
  });

  test('a client to a closed port: fail_open admits, fail_closed refuses', async () => {
    const redisOnClosedPort = client(`redis://127.0.0.1:${await closedPort()}`);
    const open = enforcerOn({ redis: redisOnClosedPort, policy: 'fail_open', commandTimeoutMs: 100 });
    const closed = enforcerOn({ redis: redisOnClosedPort, policy: 'fail_closed', commandTimeoutMs: 100 });
    await open.enforcer.admit({ subjects: [apiKey(limits)], estimate: { tokens: 0, cost: 0 } });
    await assert.rejects(closed.enforcer.admit({ subjects: [apiKey(limits)], estimate: { tokens: 0, cost: 0 } }), { status: 503 });
  });

  test('a Redis that accepts but never answers is given up on after the command timeout', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    try {
      const hung = client(`redis://127.0.0.1:${(silent.address() as net.AddressInfo).port}`);
      const { enforcer, metrics } = enforcerOn({ redis: hung, policy: 'fail_closed', commandTimeoutMs: 100 });
      await assert.rejects(enforcer.admit({ subjects: [apiKey(limits)], estimate: { tokens: 0, cost: 0 } }), { status: 503 });
      assert.equal(await counterValue(metrics.limitStoreUnavailable), 1);
      hung.disconnect();
    } finally {
      silent.close();
      for (const socket of sockets) socket.destroy();
    }
  });
});
