import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Provider credentials stored through the management API are encrypted at rest with AES-256-GCM.
 * The key is derived from `SWITCHBOARD_SECRET` with HKDF-SHA-256 (RFC 5869), so the secret itself
 * can be any length. Format: `v1:` + base64url(12-byte IV | ciphertext | 16-byte tag).
 */
export class CredentialCipher {
  readonly #key: Buffer;
  /** The key of `SWITCHBOARD_SECRET_PREVIOUS` during a rotation: opens, never seals. */
  readonly #previousKey: Buffer | undefined;

  constructor(secret: string, previousSecret?: string) {
    this.#key = deriveKey(secret);
    this.#previousKey = previousSecret === undefined ? undefined : deriveKey(previousSecret);
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** Opens with the current key, or during a rotation the previous one (GCM's tag tells which). */
  decrypt(sealed: string): string {
    try {
      return open(sealed, this.#key);
    } catch (error) {
      if (this.#previousKey === undefined) throw error;
      return open(sealed, this.#previousKey);
    }
  }
}

function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'switchboard', 'provider-credentials-v1', 32));
}

function open(sealed: string, key: Buffer): string {
  if (!sealed.startsWith('v1:')) throw new Error('unknown credential encryption format');
  const bytes = Buffer.from(sealed.slice(3), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
}
