import { apiKeyColumns, decodeApiKeyRow, encodeApiKeyRow } from '../api-key-row-codec.ts';
import type { ApiKeyRepository, ApiKeyRow } from '../database.ts';
import type { SqliteStatements } from './sqlite-statements.ts';

const insertText = `INSERT INTO api_keys (${apiKeyColumns.join(', ')}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`;

export class SqliteApiKeyRepository implements ApiKeyRepository {
  readonly #statements: SqliteStatements;

  constructor(statements: SqliteStatements) {
    this.#statements = statements;
  }

  /** The unique name decides between processes sharing the file: the first insert wins, the rest read it. */
  async insertIfNameAbsent(row: ApiKeyRow): Promise<{ row: ApiKeyRow; created: boolean }> {
    const created = this.#statements.run(`${insertText} ON CONFLICT (name) DO NOTHING`, encodeApiKeyRow(row)) > 0;
    const stored = this.#statements.all('SELECT * FROM api_keys WHERE name = ?1', [row.name]);
    return { row: decodeApiKeyRow(stored[0]), created };
  }

  async insert(row: ApiKeyRow): Promise<void> {
    this.#statements.run(insertText, encodeApiKeyRow(row));
  }

  async list(): Promise<ApiKeyRow[]> {
    return this.#statements.all('SELECT * FROM api_keys ORDER BY created_at, id').map(decodeApiKeyRow);
  }

  async get(id: string): Promise<ApiKeyRow | undefined> {
    const rows = this.#statements.all('SELECT * FROM api_keys WHERE id = ?1', [id]);
    return rows.length === 0 ? undefined : decodeApiKeyRow(rows[0]);
  }

  async update(id: string, patch: Partial<Pick<ApiKeyRow, 'name' | 'scope' | 'limits' | 'expires_at'>>): Promise<ApiKeyRow | undefined> {
    const values: unknown[] = [id];
    const assignments: string[] = [];
    if (patch.name !== undefined) assignments.push(`name = ?${values.push(patch.name)}`);
    if (patch.scope !== undefined) assignments.push(`scope = ?${values.push(patch.scope)}`);
    if (patch.limits !== undefined) assignments.push(`limits = ?${values.push(JSON.stringify(patch.limits))}`);
    if (patch.expires_at !== undefined) {
      assignments.push(`expires_at = ?${values.push(patch.expires_at === null ? null : new Date(patch.expires_at).toISOString())}`);
    }
    if (assignments.length > 0) this.#statements.run(`UPDATE api_keys SET ${assignments.join(', ')} WHERE id = ?1`, values);
    return this.get(id);
  }

  async updateKeyHash(id: string, keyHash: string): Promise<void> {
    this.#statements.run('UPDATE api_keys SET key_hash = ?2 WHERE id = ?1', [id, keyHash]);
  }

  async revoke(id: string, at: string): Promise<ApiKeyRow | undefined> {
    // A key revoked twice keeps its first revocation time.
    this.#statements.run('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1', [id, new Date(at).toISOString()]);
    return this.get(id);
  }
}
