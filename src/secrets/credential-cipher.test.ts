import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialCipher } from './credential-cipher.ts';

test('round-trips and never shows the plaintext', () => {
  const cipher = new CredentialCipher('a server secret');
  const sealed = cipher.encrypt('{"api_key":"sk-live-123"}');
  assert.ok(!sealed.includes('sk-live'));
  assert.notEqual(sealed, cipher.encrypt('{"api_key":"sk-live-123"}'), 'a fresh IV each time');
  assert.equal(cipher.decrypt(sealed), '{"api_key":"sk-live-123"}');
});

test('refuses a tampered ciphertext or the wrong secret', () => {
  const sealed = new CredentialCipher('one').encrypt('secret');
  assert.throws(() => new CredentialCipher('two').decrypt(sealed));
  const bytes = Buffer.from(sealed.slice(3), 'base64url');
  bytes[14] ^= 1;
  assert.throws(() => new CredentialCipher('one').decrypt(`v1:${bytes.toString('base64url')}`));
});

test('rotation: the previous secret still opens what it sealed; new values use the current one', () => {
  const sealedBefore = new CredentialCipher('old secret').encrypt('{"api_key":"k"}');
  const rotated = new CredentialCipher('new secret', 'old secret');
  assert.equal(rotated.decrypt(sealedBefore), '{"api_key":"k"}');
  const sealedAfter = rotated.encrypt('{"api_key":"k2"}');
  assert.equal(new CredentialCipher('new secret').decrypt(sealedAfter), '{"api_key":"k2"}');
  assert.throws(() => new CredentialCipher('old secret').decrypt(sealedAfter));
});
