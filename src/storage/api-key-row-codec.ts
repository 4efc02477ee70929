import type { ApiKeyScope } from '../config/config.ts';
import { decodeLimits } from './customer-query-sql.ts';
import type { ApiKeyRow } from './database.ts';
import { normalizeTimestamp } from './log-row-codec.ts';

/** The api_keys columns, in the order both stores insert them. */
export const apiKeyColumns = ['id', 'name', 'key_hash', 'key_prefix', 'scope', 'limits', 'created_at', 'expires_at', 'revoked_at'] as const;

export function encodeApiKeyRow(row: ApiKeyRow): unknown[] {
  return [
    row.id, row.name, row.key_hash, row.key_prefix, row.scope, JSON.stringify(row.limits ?? []),
    normalizeTimestamp(row.created_at) ?? new Date().toISOString(),
    row.expires_at === null ? null : normalizeTimestamp(row.expires_at) ?? null,
    row.revoked_at === null ? null : normalizeTimestamp(row.revoked_at) ?? null,
  ];
}

export function decodeApiKeyRow(row: Record<string, unknown>): ApiKeyRow {
  const optionalTimestamp = (value: unknown) => (value === null || value === undefined ? null : normalizeTimestamp(value) ?? String(value));
  return {
    id: String(row.id),
    name: String(row.name),
    key_hash: String(row.key_hash),
    key_prefix: String(row.key_prefix),
    scope: String(row.scope) as ApiKeyScope,
    limits: decodeLimits(row.limits),
    created_at: normalizeTimestamp(row.created_at) ?? String(row.created_at),
    expires_at: optionalTimestamp(row.expires_at),
    revoked_at: optionalTimestamp(row.revoked_at),
  };
}
