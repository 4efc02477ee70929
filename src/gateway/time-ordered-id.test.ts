import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeOrderedId } from './time-ordered-id.ts';

test('UUIDv7: version and variant bits, the timestamp in front, unique and ordered by time', () => {
  const id = timeOrderedId(Date.parse('2026-11-23T20:00:00.000Z'));
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(parseInt(id.replaceAll('-', '').slice(0, 12), 16), Date.parse('2026-11-23T20:00:00.000Z'));
  const ids = Array.from({ length: 5000 }, (_unused, index) => timeOrderedId(1_700_000_000_000 + index));
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), ids);
});
