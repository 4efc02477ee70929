import type { ApiKeyScope, LimitConfig } from '../config/config.ts';

/** Who is calling, as established by authentication (never the key itself). */
export interface AuthContext {
  /** Stored key id; null for the admin key. */
  readonly keyId: string | null;
  /** The key's name, logged as `api_key`; `admin` for the admin key. */
  readonly keyName: string;
  readonly scope: ApiKeyScope;
  readonly limits: readonly LimitConfig[];
}

const SCOPE_RANK: Record<ApiKeyScope, number> = { inference: 0, read: 1, admin: 2 };

/** `admin` may do everything; `read` may read logs; `inference` may only call models. */
export function hasScope(auth: AuthContext, needed: ApiKeyScope): boolean {
  if (needed === 'inference') return true;
  return SCOPE_RANK[auth.scope] >= SCOPE_RANK[needed];
}
