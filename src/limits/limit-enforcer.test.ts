import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../errors/gateway-error.ts';
import { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { LimitCounterStore } from './limit-counter-store.ts';
import { type LimitedSubject, LimitEnforcer, type LimitsUnavailablePolicy } from './limit-enforcer.ts';
import type { LimitWarning } from './limit-warning.ts';
import { MemoryLimitCounterStore } from './memory-limit-counter-store.ts';

const start = Date.UTC(2031, 0, 15, 12, 0, 30);
const noUsage = { tokens: 0, cost: 0 };

function setup(options: { store?: LimitCounterStore; policy?: LimitsUnavailablePolicy } = {}) {
  const clock = { now: start };
  const metrics = new GatewayMetrics({ collectProcessMetrics: false });
  const warnings: LimitWarning[] = [];
  const logged: string[] = [];
  const enforcer = new LimitEnforcer({
    store: options.store ?? new MemoryLimitCounterStore({ now: () => clock.now }),
    metrics,
    warnings: { notify: (warning) => warnings.push(warning) },
    warn: (message) => logged.push(message),
    ...(options.policy && { unavailablePolicy: options.policy }),
  });
  return { clock, enforcer, metrics, warnings, logged };
}

const teamA = (limits: LimitedSubject['limits']): LimitedSubject => ({ subject: 'key:1', kind: 'api_key', label: 'team-a', limits });

async function refusal(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GatewayError);
    return error;
  }
  assert.fail('expected a refusal');
}

describe('LimitEnforcer', () => {
  test('a refusal is a 429 naming the metric and window, with Retry-After to the window end', async () => {
    const { enforcer, metrics } = setup();
    const subjects = [teamA([{ metric: 'cost', window: 'day', warnAt: 50, blockAt: 100 }])];
    const admission = await enforcer.admit({ subjects, estimate: { tokens: 1000, cost: 1 } });
    await admission.settle({ tokens: 1000, cost: 100 });
    const error = await refusal(enforcer.admit({ subjects, estimate: { tokens: 1000, cost: 1 } }));
    assert.equal(error.status, 429);
    assert.equal(error.message, "Cost limit reached for API key 'team-a': $100.00 per day");
    assert.equal(error.code, 'limit_exceeded');
    assert.equal(error.type, 'rate_limit_error');
    assert.deepEqual(error.headers, { 'retry-after': String(12 * 3600 - 30) });
    assert.match(await metrics.registry.metrics(), /switchboard_limit_refusals_total\{metric="cost",window="day"\} 1/);
  });

  test('messages for requests and tokens, for customers, and for lifetime limits (no Retry-After)', async () => {
    const { enforcer } = setup();
    const requests = await refusal(enforcer.admit({ subjects: [teamA([{ metric: 'requests', window: 'minute', blockAt: 0 }])], estimate: noUsage }));
    assert.equal(requests.message, "Request limit reached for API key 'team-a': 0 requests per minute");
    assert.deepEqual(requests.headers, { 'retry-after': '30' });
    const customer: LimitedSubject = { subject: 'customer:acme', kind: 'customer', label: 'acme', limits: [{ metric: 'tokens', window: 'lifetime', blockAt: 0 }] };
    const tokens = await refusal(enforcer.admit({ subjects: [teamA([]), customer], estimate: noUsage }));
    assert.equal(tokens.message, "Token limit reached for customer 'acme': 0 tokens lifetime total");
    assert.deepEqual(tokens.headers, {});
  });

  test('200 concurrent admits against block_at 50 serve exactly 50', async () => {
    const { enforcer } = setup();
    const subjects = [teamA([{ metric: 'requests', window: 'minute', blockAt: 50 }])];
    const outcomes = await Promise.allSettled(Array.from({ length: 200 }, () => enforcer.admit({ subjects, estimate: noUsage })));
    assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 50);
  });

  test('a request released after an upstream failure is not counted and frees its slot', async () => {
    const { enforcer } = setup();
    const subjects = [teamA([{ metric: 'requests', window: 'day', blockAt: 1 }])];
    const failed = await enforcer.admit({ subjects, estimate: noUsage });
    await refusal(enforcer.admit({ subjects, estimate: noUsage }));
    await failed.release();
    await failed.settle({ tokens: 5, cost: 1 }); // too late: the admission is over
    const retried = await enforcer.admit({ subjects, estimate: noUsage });
    await retried.settle(noUsage);
    assert.deepEqual((await enforcer.usage(subjects[0])).map(({ used, reserved }) => [used, reserved]), [[1, 0]]);
  });

  test('warn_at crossings go to the warning sink once, with the key name', async () => {
    const { enforcer, warnings } = setup();
    const subjects = [teamA([{ metric: 'cost', window: 'day', warnAt: 50, blockAt: 100 }])];
    for (const cost of [30, 30, 30]) await (await enforcer.admit({ subjects, estimate: noUsage })).settle({ tokens: 10, cost });
    assert.deepEqual(warnings, [{
      subject: 'key:1', kind: 'api_key', label: 'team-a', metric: 'cost', window: 'day', windowId: '2031-01-15',
      windowEndsAt: Date.UTC(2031, 0, 16), used: 60, warnAt: 50, blockAt: 100,
    }]);
  });

  test('subjects without limits never reach the store', async () => {
    const store = { reserve: () => assert.fail('store called') } as unknown as LimitCounterStore;
    const { enforcer } = setup({ store });
    const admission = await enforcer.admit({ subjects: [teamA([])], estimate: noUsage });
    await admission.settle(noUsage);
  });

  const unreachable: LimitCounterStore = {
    reserve: async () => { throw new Error('connection refused'); },
    settle: async () => { throw new Error('connection refused'); },
    release: async () => { throw new Error('connection refused'); },
    usage: async () => { throw new Error('connection refused'); },
    purgeSubject: async () => { throw new Error('connection refused'); },
  };

  test('fail_open (the default) admits when the store cannot answer, and logs the outage once', async () => {
    const { enforcer, metrics, logged } = setup({ store: unreachable });
    const subjects = [teamA([{ metric: 'requests', window: 'day', blockAt: 1 }])];
    for (let index = 0; index < 3; index += 1) await (await enforcer.admit({ subjects, estimate: noUsage })).settle(noUsage);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /fail_open/);
    assert.match(await metrics.registry.metrics(), /switchboard_limit_store_up 0/);
  });

  test('fail_closed refuses with 503 limits_unavailable', async () => {
    const { enforcer } = setup({ store: unreachable, policy: 'fail_closed' });
    const error = await refusal(enforcer.admit({ subjects: [teamA([{ metric: 'requests', window: 'day', blockAt: 1 }])], estimate: noUsage }));
    assert.equal(error.status, 503);
    assert.equal(error.code, 'limits_unavailable');
  });
});
