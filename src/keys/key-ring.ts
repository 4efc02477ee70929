import { GatewayError } from '../errors/gateway-error.ts';
import type { ApiKeyRow } from '../storage/database.ts';
import { hashApiKey, sameHash } from './api-key-hash.ts';
import type { AuthContext } from './auth-context.ts';

const ADMIN: AuthContext = Object.freeze({ keyId: null, keyName: 'admin', scope: 'admin', limits: [] });
const MAX_REMEMBERED_KEYS = 10_000;

/**
 * The keys in force, in memory: authentication on the hot path is a hash and a Map lookup, never
 * a database query. The ring is reloaded from the database when keys change (on this replica at
 * once, on others through the settings-change notice).
 */
export class KeyRing {
  readonly #secret: string;
  readonly #adminKeyHash: string | undefined;
  #byHash = new Map<string, RingEntry>();
  /** Presented key → hash, so the HMAC runs once per distinct key, not per request. */
  #hashes = new Map<string, string>();

  readonly #previousSecret: string | undefined;
  readonly #onRehash: ((keyId: string, hash: string) => void) | undefined;

  /**
   * `previousSecret` during a rotation: a key stored under the old secret's hash still
   * authenticates, and `onRehash` is told its hash under the new secret so storage can move it.
   */
  constructor(options: { secret: string; adminKey?: string; previousSecret?: string; onRehash?: (keyId: string, hash: string) => void }) {
    this.#secret = options.secret;
    this.#previousSecret = options.previousSecret;
    this.#onRehash = options.onRehash;
    this.#adminKeyHash = options.adminKey === undefined ? undefined : hashApiKey(options.secret, options.adminKey);
  }

  hash(key: string): string {
    let hash = this.#hashes.get(key);
    if (hash === undefined) {
      hash = hashApiKey(this.#secret, key);
      if (this.#hashes.size >= MAX_REMEMBERED_KEYS) this.#hashes.clear();
      this.#hashes.set(key, hash);
    }
    return hash;
  }

  #underPreviousSecret(presented: string, currentHash: string): RingEntry | undefined {
    if (this.#previousSecret === undefined) return undefined;
    const previous = this.#byHash.get(hashApiKey(this.#previousSecret, presented));
    if (previous === undefined) return undefined;
    const moved = ringEntry({ ...previous.row, key_hash: currentHash });
    this.#byHash.set(currentHash, moved);
    this.#onRehash?.(previous.row.id, currentHash);
    return moved;
  }

  replaceAll(rows: readonly ApiKeyRow[]): void {
    this.#byHash = new Map(rows.map((row) => [row.key_hash, ringEntry(row)]));
  }

  upsert(row: ApiKeyRow): void {
    this.#byHash.set(row.key_hash, ringEntry(row));
  }

  /** Throws 401 for a missing, unknown, revoked or expired key (contract §3). */
  authenticate(presented: string | undefined, now = Date.now()): AuthContext {
    if (presented === undefined || presented === '') {
      throw unauthorized('Missing API key: send it as "Authorization: Bearer KEY"', 'missing_api_key');
    }
    const hash = this.hash(presented);
    const key = this.#byHash.get(hash) ?? this.#underPreviousSecret(presented, hash);
    if (key === undefined) {
      if (this.#adminKeyHash !== undefined && sameHash(hash, this.#adminKeyHash)) return ADMIN;
      throw unauthorized('Invalid API key', 'invalid_api_key');
    }
    if (key.row.revoked_at !== null) throw unauthorized('This API key has been revoked', 'revoked_api_key');
    if (key.expiresAt !== undefined && key.expiresAt <= now) throw unauthorized('This API key has expired', 'expired_api_key');
    return key.auth;
  }
}

/** A key as authentication needs it, prepared once per change rather than per request. */
interface RingEntry {
  row: ApiKeyRow;
  auth: AuthContext;
  expiresAt: number | undefined;
}

function ringEntry(row: ApiKeyRow): RingEntry {
  return {
    row,
    auth: Object.freeze({ keyId: row.id, keyName: row.name, scope: row.scope, limits: row.limits }),
    expiresAt: row.expires_at === null ? undefined : Date.parse(row.expires_at),
  };
}

function unauthorized(message: string, code: string): GatewayError {
  return new GatewayError({ status: 401, message, type: 'authentication_error', code });
}
