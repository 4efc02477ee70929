import type { SettingsRepository } from '../database.ts';
import { toJsonText } from '../log-row-codec.ts';
import type { SqliteStatements } from './sqlite-statements.ts';

export class SqliteSettingsRepository implements SettingsRepository {
  readonly #statements: SqliteStatements;

  constructor(statements: SqliteStatements) {
    this.#statements = statements;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const rows = this.#statements.all('SELECT value FROM settings WHERE key = ?1', [key]);
    return rows.length === 0 ? undefined : (JSON.parse(String(rows[0].value)) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    this.#statements.run(
      `INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [key, toJsonText(value ?? null) ?? 'null', new Date().toISOString()],
    );
  }

  async delete(key: string): Promise<void> {
    this.#statements.run('DELETE FROM settings WHERE key = ?1', [key]);
  }
}
