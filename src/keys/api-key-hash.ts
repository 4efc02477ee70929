import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys are stored as HMAC-SHA-256 under the server secret: a leaked database alone does not
 * let anyone check guesses offline. Comparisons run in constant time.
 */
export function hashApiKey(secret: string, key: string): string {
  return createHmac('sha256', secret).update(key).digest('hex');
}

export function sameHash(left: string, right: string): boolean {
  const a = Buffer.from(left, 'hex');
  const b = Buffer.from(right, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A new gateway key: `sk-sb-` and 32 random bytes, base64url (256 bits). */
export function generateApiKey(): string {
  return `sk-sb-${randomBytes(32).toString('base64url')}`;
}

/** What lists show of a key: enough to recognise it, too little to use it. */
export function keyPrefix(key: string): string {
  return `${key.slice(0, 10)}…`;
}
