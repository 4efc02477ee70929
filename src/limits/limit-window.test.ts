import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { currentWindow, secondsUntilEnd } from './limit-window.ts';

const at = (iso: string): number => Date.parse(iso);

describe('currentWindow', () => {
  test('minute and hour windows are named after their UTC start and end on the next boundary', () => {
    const now = at('2026-11-23T19:05:30.500Z');
    assert.deepEqual(currentWindow('minute', now), { id: '2026-11-23T19:05', endsAt: at('2026-11-23T19:06:00Z') });
    assert.deepEqual(currentWindow('hour', now), { id: '2026-11-23T19', endsAt: at('2026-11-23T20:00:00Z') });
  });

  test('a boundary instant belongs to the window it starts', () => {
    assert.equal(currentWindow('day', at('2026-11-23T23:59:59.999Z')).id, '2026-11-23');
    assert.equal(currentWindow('day', at('2026-11-24T00:00:00.000Z')).id, '2026-11-24');
    assert.equal(currentWindow('minute', at('2026-11-23T19:05:59.999Z')).id, '2026-11-23T19:05');
    assert.equal(currentWindow('minute', at('2026-11-23T19:06:00.000Z')).id, '2026-11-23T19:06');
    assert.equal(currentWindow('hour', at('2026-11-23T23:59:59.999Z')).endsAt, at('2026-11-24T00:00:00Z'));
  });

  test('days end at UTC midnight whatever the local time zone', () => {
    assert.deepEqual(currentWindow('day', at('2026-11-23T01:00:00+05:00')), { id: '2026-11-22', endsAt: at('2026-11-23T00:00:00Z') });
  });

  test('weeks are ISO weeks: Monday 00:00 UTC to the next Monday', () => {
    assert.deepEqual(currentWindow('week', at('2026-11-23T00:00:00Z')), { id: '2026-W48', endsAt: at('2026-11-30T00:00:00Z') });
    assert.deepEqual(currentWindow('week', at('2026-11-29T23:59:59.999Z')), { id: '2026-W48', endsAt: at('2026-11-30T00:00:00Z') });
    assert.equal(currentWindow('week', at('2026-11-30T00:00:00Z')).id, '2026-W49');
  });

  test('ISO weeks take the year of their Thursday across New Year', () => {
    assert.equal(currentWindow('week', at('2021-01-01T12:00:00Z')).id, '2020-W53');
    assert.equal(currentWindow('week', at('2021-01-04T00:00:00Z')).id, '2021-W01');
    assert.equal(currentWindow('week', at('2024-12-30T00:00:00Z')).id, '2025-W01');
    assert.equal(currentWindow('week', at('2026-01-01T00:00:00Z')).id, '2026-W01');
    assert.equal(currentWindow('week', at('2026-12-31T12:00:00Z')).id, '2026-W53');
    assert.equal(currentWindow('week', at('2026-12-31T12:00:00Z')).endsAt, at('2027-01-04T00:00:00Z'));
  });

  test('months end on their last day, leap February and December included', () => {
    assert.deepEqual(currentWindow('month', at('2024-02-29T23:59:59.999Z')), { id: '2024-02', endsAt: at('2024-03-01T00:00:00Z') });
    assert.deepEqual(currentWindow('month', at('2025-02-28T12:00:00Z')), { id: '2025-02', endsAt: at('2025-03-01T00:00:00Z') });
    assert.deepEqual(currentWindow('month', at('2026-12-31T23:59:59.999Z')), { id: '2026-12', endsAt: at('2027-01-01T00:00:00Z') });
    assert.deepEqual(currentWindow('month', at('2026-04-30T08:00:00Z')), { id: '2026-04', endsAt: at('2026-05-01T00:00:00Z') });
    assert.equal(currentWindow('day', at('2026-12-31T10:00:00Z')).endsAt, at('2027-01-01T00:00:00Z'));
  });

  test('the lifetime window never ends', () => {
    assert.deepEqual(currentWindow('lifetime', at('2026-11-23T19:05:30Z')), { id: 'lifetime', endsAt: undefined });
  });
});

describe('secondsUntilEnd', () => {
  test('rounds up to whole seconds', () => {
    assert.equal(secondsUntilEnd('minute', at('2026-11-23T19:05:00.000Z')), 60);
    assert.equal(secondsUntilEnd('minute', at('2026-11-23T19:05:00.001Z')), 60);
    assert.equal(secondsUntilEnd('minute', at('2026-11-23T19:05:30.500Z')), 30);
    assert.equal(secondsUntilEnd('day', at('2026-11-23T23:00:00Z')), 3600);
  });

  test('is at least 1 in the last instant of a window', () => {
    assert.equal(secondsUntilEnd('minute', at('2026-11-23T19:05:59.999Z')), 1);
  });

  test('is undefined for lifetime', () => {
    assert.equal(secondsUntilEnd('lifetime', at('2026-11-23T19:05:30Z')), undefined);
  });
});
