import type { Sql } from 'postgres';
import { apiKeyColumns, decodeApiKeyRow, encodeApiKeyRow } from '../api-key-row-codec.ts';
import type { ApiKeyRepository, ApiKeyRow } from '../database.ts';
import { runStatement } from './postgres-query.ts';

const selectList = 'id, name, key_hash, key_prefix, scope, limits::text AS limits, created_at, expires_at, revoked_at';
const insertText = `INSERT INTO api_keys (${apiKeyColumns.join(', ')})
  VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text::jsonb, $7::timestamptz, $8::timestamptz, $9::timestamptz)`;

export class PostgresApiKeyRepository implements ApiKeyRepository {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /**
   * Replicas started with the same config race to create its keys. The unique name decides:
   * whoever inserts first wins, the others do nothing and read the winner's row.
   */
  async insertIfNameAbsent(row: ApiKeyRow): Promise<{ row: ApiKeyRow; created: boolean }> {
    const inserted = await runStatement(this.#sql, {
      text: `${insertText} ON CONFLICT (name) DO NOTHING RETURNING ${selectList}`,
      values: encodeApiKeyRow(row),
    }, { prepare: true });
    if (inserted.length > 0) return { row: decodeApiKeyRow(inserted[0]), created: true };
    const existing = await runStatement(this.#sql, { text: `SELECT ${selectList} FROM api_keys WHERE name = $1`, values: [row.name] }, { prepare: true });
    return { row: decodeApiKeyRow(existing[0]), created: false };
  }

  async insert(row: ApiKeyRow): Promise<void> {
    await runStatement(this.#sql, { text: insertText, values: encodeApiKeyRow(row) }, { prepare: true });
  }

  async list(): Promise<ApiKeyRow[]> {
    const rows = await runStatement(this.#sql, { text: `SELECT ${selectList} FROM api_keys ORDER BY created_at, id`, values: [] });
    return rows.map(decodeApiKeyRow);
  }

  async get(id: string): Promise<ApiKeyRow | undefined> {
    const rows = await runStatement(this.#sql, { text: `SELECT ${selectList} FROM api_keys WHERE id = $1`, values: [id] }, { prepare: true });
    return rows.length === 0 ? undefined : decodeApiKeyRow(rows[0]);
  }

  async update(id: string, patch: Partial<Pick<ApiKeyRow, 'name' | 'scope' | 'limits' | 'expires_at'>>): Promise<ApiKeyRow | undefined> {
    const values: unknown[] = [id];
    const assignments: string[] = [];
    if (patch.name !== undefined) assignments.push(`name = $${values.push(patch.name)}::text`);
    if (patch.scope !== undefined) assignments.push(`scope = $${values.push(patch.scope)}::text`);
    if (patch.limits !== undefined) assignments.push(`limits = $${values.push(JSON.stringify(patch.limits))}::text::jsonb`);
    if (patch.expires_at !== undefined) assignments.push(`expires_at = $${values.push(patch.expires_at)}::timestamptz`);
    if (assignments.length === 0) return this.get(id);
    const rows = await runStatement(this.#sql, {
      text: `UPDATE api_keys SET ${assignments.join(', ')} WHERE id = $1 RETURNING ${selectList}`,
      values,
    });
    return rows.length === 0 ? undefined : decodeApiKeyRow(rows[0]);
  }

  async updateKeyHash(id: string, keyHash: string): Promise<void> {
    await runStatement(this.#sql, { text: 'UPDATE api_keys SET key_hash = $2 WHERE id = $1', values: [id, keyHash] }, { prepare: true });
  }

  async revoke(id: string, at: string): Promise<ApiKeyRow | undefined> {
    // A key revoked twice keeps its first revocation time.
    const rows = await runStatement(this.#sql, {
      text: `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2::timestamptz) WHERE id = $1 RETURNING ${selectList}`,
      values: [id, at],
    }, { prepare: true });
    return rows.length === 0 ? undefined : decodeApiKeyRow(rows[0]);
  }
}
