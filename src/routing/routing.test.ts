import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryCooldownTracker } from './cooldown-tracker.ts';
import { orderWeighted, pickWeighted } from './pick-weighted.ts';
import { MAX_HONOURED_RETRY_AFTER_MS, retryDelayMs, retryPolicyFrom } from './retry-policy.ts';

function seeded(seed: number) {
  // mulberry32: a small deterministic generator for distribution tests.
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

test('weighted picks converge to the weights', () => {
  const random = seeded(7);
  const counts = { a: 0, b: 0 };
  for (let index = 0; index < 4000; index++) counts[pickWeighted(['a', 'b'] as const, (option) => (option === 'a' ? 3 : 1), random)!]++;
  assert.ok(Math.abs(counts.a / 4000 - 0.75) < 0.03, `a chosen ${counts.a} times`);
  assert.equal(pickWeighted([], () => 1), undefined);
  assert.deepEqual(orderWeighted(['x', 'y', 'z'], () => 1, seeded(1)).sort(), ['x', 'y', 'z']);
});

test('retry policy: request values beat settings; backoff doubles with jitter; Retry-After honoured up to a cap', () => {
  const policy = retryPolicyFrom({ retryEnabled: true, numRetries: 3, retryAfter: 0.2 }, { num_retries: 2 });
  assert.deepEqual(policy, { enabled: true, retries: 2, baseDelayMs: 200 });
  assert.equal(retryPolicyFrom({ retryEnabled: true, numRetries: 3, retryAfter: 0.2 }, { retry_enabled: false }).retries, 0);
  assert.equal(retryDelayMs(policy, 1, undefined, () => 0), 100);
  assert.equal(retryDelayMs(policy, 2, undefined, () => 1), 400);
  assert.equal(retryDelayMs(policy, 1, 1000), 1000);
  assert.equal(retryDelayMs(policy, 1, MAX_HONOURED_RETRY_AFTER_MS + 1), undefined);
});

test('a deployment cools down after repeated failures, then comes back', () => {
  let now = 0;
  const tracker = new MemoryCooldownTracker({ failureThreshold: 3, windowMs: 10_000, cooldownMs: 30_000, now: () => now });
  tracker.recordFailure('openai:b');
  tracker.recordFailure('openai:b');
  assert.equal(tracker.isCoolingDown('openai:b'), false);
  tracker.recordFailure('openai:b');
  assert.equal(tracker.isCoolingDown('openai:b'), true);
  now = 30_001;
  assert.equal(tracker.isCoolingDown('openai:b'), false);
  tracker.recordFailure('openai:b');
  now += 20_000;
  tracker.recordFailure('openai:b');
  tracker.recordFailure('openai:b');
  assert.equal(tracker.isCoolingDown('openai:b'), false, 'failures outside the window do not add up');
});
