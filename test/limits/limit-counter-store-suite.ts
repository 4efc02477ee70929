import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { LimitConfig, LimitWindow } from '../../src/config/config.ts';
import type { LimitCounterStore, Reservation, SubjectLimits, UsageAmounts } from '../../src/limits/limit-counter-store.ts';
import { currentWindow } from '../../src/limits/limit-window.ts';

/**
 * Behaviour every LimitCounterStore shares (contract §6), run against the memory store and the
 * Redis store. Time is an injected clock starting Wednesday 2031-01-15 12:00:30 UTC: in the
 * future, so Redis key expiries computed from it are never already past.
 */
export const suiteStart = Date.UTC(2031, 0, 15, 12, 0, 30);

export function limitCounterStoreSuite(createStore: (now: () => number) => LimitCounterStore): void {
  function setup() {
    const clock = { now: suiteStart };
    const store = createStore(() => clock.now);
    const subjectOf = (limits: LimitConfig[]): SubjectLimits => ({ subject: `key:${randomUUID()}`, limits });
    async function reserve(subject: SubjectLimits, estimate: UsageAmounts = { tokens: 0, cost: 0 }) {
      return store.reserve({ subjects: [subject], estimate });
    }
    async function admitted(subject: SubjectLimits, estimate?: UsageAmounts): Promise<Reservation> {
      const outcome = await reserve(subject, estimate);
      assert.ok(outcome.admitted, `expected admission, got a refusal on ${outcome.admitted ? '' : outcome.refusal.limit.metric}`);
      return outcome.reservation;
    }
    async function serve(subject: SubjectLimits, actual: UsageAmounts): Promise<void> {
      await store.settle(await admitted(subject, actual), actual);
    }
    async function usedOf(subject: SubjectLimits): Promise<number[]> {
      return (await store.usage(subject)).map((usage) => usage.used);
    }
    return { clock, store, subjectOf, reserve, admitted, serve, usedOf };
  }

  const windows: LimitWindow[] = ['minute', 'hour', 'day', 'week', 'month', 'lifetime'];
  for (const window of windows) {
    test(`${window}: every metric counts in the window and starts afresh in the next`, async () => {
      const { clock, store, subjectOf, reserve, serve, usedOf } = setup();
      const subject = subjectOf([
        { metric: 'requests', window, blockAt: 2 },
        { metric: 'tokens', window, blockAt: 100 },
        { metric: 'cost', window, blockAt: 1 },
      ]);
      await serve(subject, { tokens: 60, cost: 0.6 });
      await serve(subject, { tokens: 40, cost: 0.4 });
      assert.deepEqual(await usedOf(subject), [2, 100, 1]);
      const usage = await store.usage(subject);
      assert.equal(usage[0].windowId, currentWindow(window, clock.now).id);
      const refused = await reserve(subject);
      assert.equal(refused.admitted, false);

      const { endsAt } = currentWindow(window, clock.now);
      clock.now = endsAt ?? clock.now + 400 * 24 * 3600_000;
      if (window === 'lifetime') {
        assert.equal((await reserve(subject)).admitted, false);
        assert.deepEqual(await usedOf(subject), [2, 100, 1]);
      } else {
        assert.deepEqual(await usedOf(subject), [0, 0, 0]);
        await serve(subject, { tokens: 1, cost: 0.01 });
        assert.deepEqual(await usedOf(subject), [1, 1, 0.01]);
      }
    });
  }

  test('requests: exactly block_at are served per window, the next is refused until the window ends', async () => {
    const { clock, store, subjectOf, reserve, admitted } = setup();
    const limit: LimitConfig = { metric: 'requests', window: 'minute', blockAt: 3 };
    const subject = subjectOf([limit]);
    const inFlight = [await admitted(subject), await admitted(subject), await admitted(subject)];
    const refused = await reserve(subject);
    assert.deepEqual(refused, { admitted: false, refusal: { subject: subject.subject, limit, windowId: '2031-01-15T12:00', retryAfterSeconds: 30 } });
    for (const reservation of inFlight) await store.settle(reservation, { tokens: 10, cost: 0.01 });
    assert.equal((await reserve(subject)).admitted, false);
    clock.now += 30_000;
    assert.equal((await reserve(subject)).admitted, true);
  });

  test('tokens: admitted below block_at, refused once usage has reached it; a request in flight may pass it', async () => {
    const { store, subjectOf, reserve, admitted, serve, usedOf } = setup();
    const subject = subjectOf([{ metric: 'tokens', window: 'day', blockAt: 100 }]);
    await serve(subject, { tokens: 99, cost: 0 });
    const last = await admitted(subject, { tokens: 10, cost: 0 });
    assert.equal((await reserve(subject)).admitted, false, 'the in-flight estimate counts as usage so far');
    await store.settle(last, { tokens: 30, cost: 0 });
    assert.deepEqual(await usedOf(subject), [129]);
    assert.equal((await reserve(subject)).admitted, false);

    const exact = subjectOf([{ metric: 'tokens', window: 'day', blockAt: 100 }]);
    await serve(exact, { tokens: 99, cost: 0 });
    await serve(exact, { tokens: 1, cost: 0 });
    assert.equal((await reserve(exact)).admitted, false);
  });

  test('cost: counted exactly in micro-dollars, refused once usage reaches block_at', async () => {
    const { subjectOf, reserve, serve, usedOf } = setup();
    const subject = subjectOf([{ metric: 'cost', window: 'month', blockAt: 1 }]);
    for (let index = 0; index < 9; index += 1) await serve(subject, { tokens: 0, cost: 0.1 });
    assert.deepEqual(await usedOf(subject), [0.9]);
    assert.equal((await reserve(subject)).admitted, true);
    await serve(subject, { tokens: 0, cost: 0.1 });
    assert.deepEqual(await usedOf(subject), [1]);
    const refused = await reserve(subject);
    assert.equal(refused.admitted, false);
  });

  test('estimates in flight count as usage so far, and releasing one makes room again', async () => {
    const { store, subjectOf, reserve, admitted } = setup();
    const subject = subjectOf([{ metric: 'cost', window: 'day', blockAt: 1 }]);
    const first = await admitted(subject, { tokens: 0, cost: 0.6 });
    await admitted(subject, { tokens: 0, cost: 0.6 });
    assert.equal((await reserve(subject, { tokens: 0, cost: 0.6 })).admitted, false);
    await store.release(first);
    assert.equal((await reserve(subject, { tokens: 0, cost: 0.6 })).admitted, true);
  });

  test('200 concurrent reservations against block_at 50 admit exactly 50', async () => {
    const { subjectOf, reserve } = setup();
    const subject = subjectOf([{ metric: 'requests', window: 'hour', blockAt: 50 }]);
    const outcomes = await Promise.all(Array.from({ length: 200 }, () => reserve(subject, { tokens: 100, cost: 0.01 })));
    assert.equal(outcomes.filter((outcome) => outcome.admitted).length, 50);
  });

  test('a released reservation frees its slot and counts nothing', async () => {
    const { store, subjectOf, reserve, admitted } = setup();
    const subject = subjectOf([{ metric: 'requests', window: 'day', blockAt: 1 }, { metric: 'tokens', window: 'day', warnAt: 5 }]);
    const failed = await admitted(subject, { tokens: 500, cost: 0 });
    assert.equal((await reserve(subject)).admitted, false);
    await store.release(failed);
    assert.deepEqual((await store.usage(subject)).map(({ used, reserved }) => [used, reserved]), [[0, 0], [0, 0]]);
    assert.equal((await reserve(subject)).admitted, true);
  });

  test('settle replaces the estimate with the actual usage', async () => {
    const { store, subjectOf, admitted } = setup();
    const subject = subjectOf([{ metric: 'tokens', window: 'day', blockAt: 10_000 }, { metric: 'cost', window: 'day', blockAt: 10 }]);
    const reservation = await admitted(subject, { tokens: 4_000, cost: 2.5 });
    assert.deepEqual((await store.usage(subject)).map(({ used, reserved }) => [used, reserved]), [[0, 4_000], [0, 2.5]]);
    await store.settle(reservation, { tokens: 1_234, cost: 0.123456 });
    assert.deepEqual((await store.usage(subject)).map(({ used, reserved }) => [used, reserved]), [[1_234, 0], [0.123456, 0]]);
  });

  test('a warn_at crossing is reported once, by the settlement that crosses it', async () => {
    const { store, subjectOf, admitted } = setup();
    const requestsWarning: LimitConfig = { metric: 'requests', window: 'day', warnAt: 3 };
    const costWarning: LimitConfig = { metric: 'cost', window: 'day', warnAt: 0.5, blockAt: 1 };
    const subject = subjectOf([requestsWarning, costWarning]);
    const crossings = [];
    for (const cost of [0.2, 0.2, 0.2, 0.2]) crossings.push(await store.settle(await admitted(subject), { tokens: 0, cost }));
    assert.deepEqual(crossings[0], []);
    assert.deepEqual(crossings[1], []);
    assert.deepEqual(crossings[2].map(({ limit, warnAt, used, windowId }) => ({ limit, warnAt, used, windowId })), [
      { limit: requestsWarning, warnAt: 3, used: 3, windowId: '2031-01-15' },
      { limit: costWarning, warnAt: 0.5, used: 0.6, windowId: '2031-01-15' },
    ]);
    assert.deepEqual(crossings[3], []);
  });

  test('settle and release are idempotent', async () => {
    const { store, subjectOf, admitted, usedOf } = setup();
    const subject = subjectOf([{ metric: 'requests', window: 'day', blockAt: 10 }]);
    const reservation = await admitted(subject);
    await store.settle(reservation, { tokens: 0, cost: 0 });
    await store.settle(reservation, { tokens: 0, cost: 0 });
    await store.release(reservation);
    assert.deepEqual(await usedOf(subject), [1]);
    const released = await admitted(subject);
    await store.release(released);
    await store.release(released);
    await store.settle(released, { tokens: 0, cost: 0 });
    assert.deepEqual((await store.usage(subject)).map(({ used, reserved }) => [used, reserved]), [[1, 0]]);
  });

  test('a refusal by one subject reserves nothing on the others', async () => {
    const { store, subjectOf } = setup();
    const key = subjectOf([{ metric: 'requests', window: 'day', blockAt: 10 }]);
    const customer: SubjectLimits = { subject: `customer:${randomUUID()}`, limits: [{ metric: 'requests', window: 'day', blockAt: 1 }] };
    assert.equal((await store.reserve({ subjects: [key, customer], estimate: { tokens: 0, cost: 0 } })).admitted, true);
    const refused = await store.reserve({ subjects: [key, customer], estimate: { tokens: 0, cost: 0 } });
    assert.equal(refused.admitted ? undefined : refused.refusal.subject, customer.subject);
    assert.equal((await store.usage(key))[0].reserved, 1);
  });

  test('two limits on the same metric and window share one counter', async () => {
    const { store, subjectOf, admitted } = setup();
    const subject = subjectOf([{ metric: 'cost', window: 'day', warnAt: 0.5 }, { metric: 'cost', window: 'day', blockAt: 1 }]);
    await admitted(subject, { tokens: 0, cost: 0.4 });
    assert.deepEqual((await store.usage(subject)).map((usage) => usage.reserved), [0.4, 0.4]);
  });

  test('when several limits refuse, the refusal names the one whose window ends last', async () => {
    const { subjectOf, reserve, serve } = setup();
    const subject = subjectOf([{ metric: 'requests', window: 'minute', blockAt: 1 }, { metric: 'requests', window: 'day', blockAt: 1 }]);
    await serve(subject, { tokens: 0, cost: 0 });
    const refused = await reserve(subject);
    assert.ok(!refused.admitted);
    assert.equal(refused.refusal.limit.window, 'day');
    assert.equal(refused.refusal.retryAfterSeconds, 12 * 3600 - 30);
  });
}
