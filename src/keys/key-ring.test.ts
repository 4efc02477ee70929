import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashApiKey } from './api-key-hash.ts';
import { KeyRing } from './key-ring.ts';
import type { ApiKeyRow } from '../storage/database.ts';

const secret = 'test-secret';
function row(key: string, patch: Partial<ApiKeyRow> = {}): ApiKeyRow {
  return {
    id: `id-${key}`, name: `name-${key}`, key_hash: hashApiKey(secret, key), key_prefix: key.slice(0, 6), scope: 'inference',
    limits: [], created_at: '2026-01-01T00:00:00.000Z', expires_at: null, revoked_at: null, ...patch,
  };
}

test('authenticates stored keys and the admin key by hash', () => {
  const ring = new KeyRing({ secret, adminKey: 'admin-key-123' });
  ring.replaceAll([row('sk-one-key')]);
  assert.deepEqual(ring.authenticate('sk-one-key'), { keyId: 'id-sk-one-key', keyName: 'name-sk-one-key', scope: 'inference', limits: [] });
  assert.equal(ring.authenticate('admin-key-123').scope, 'admin');
});

test('refuses missing, unknown, revoked and expired keys with 401', () => {
  const ring = new KeyRing({ secret });
  ring.replaceAll([
    row('sk-revoked', { revoked_at: '2026-01-02T00:00:00.000Z' }),
    row('sk-expired', { expires_at: '2026-01-02T00:00:00.000Z' }),
  ]);
  for (const [key, code] of [[undefined, 'missing_api_key'], ['sk-nope', 'invalid_api_key'], ['sk-revoked', 'revoked_api_key'], ['sk-expired', 'expired_api_key']] as const) {
    assert.throws(() => ring.authenticate(key, Date.parse('2026-06-01')), (error: { status: number; code: string }) => error.status === 401 && error.code === code);
  }
});

test('rotation: a key hashed under the previous secret still works and is moved to the new hash', () => {
  const moved: Array<[string, string]> = [];
  const ring = new KeyRing({ secret: 'new-secret', previousSecret: secret, onRehash: (id, hash) => moved.push([id, hash]) });
  ring.replaceAll([row('sk-before-rotation')]);
  assert.equal(ring.authenticate('sk-before-rotation').keyName, 'name-sk-before-rotation');
  assert.deepEqual(moved, [['id-sk-before-rotation', hashApiKey('new-secret', 'sk-before-rotation')]]);
  assert.equal(ring.authenticate('sk-before-rotation').keyName, 'name-sk-before-rotation');
  assert.equal(moved.length, 1, 'moved once');
  const withoutPrevious = new KeyRing({ secret: 'new-secret' });
  withoutPrevious.replaceAll([row('sk-before-rotation')]);
  assert.throws(() => withoutPrevious.authenticate('sk-before-rotation'), /Invalid API key/, 'without the previous secret an old hash does not match');
});
