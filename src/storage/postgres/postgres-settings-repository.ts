import type { Sql } from 'postgres';
import type { SettingsRepository } from '../database.ts';
import { toJsonText } from '../log-row-codec.ts';
import { runStatement } from './postgres-query.ts';

export class PostgresSettingsRepository implements SettingsRepository {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const rows = await runStatement(this.#sql, { text: 'SELECT value::text AS value FROM settings WHERE key = $1', values: [key] }, { prepare: true });
    return rows.length === 0 ? undefined : (JSON.parse(String(rows[0].value)) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    await runStatement(this.#sql, {
      text: `INSERT INTO settings (key, value, updated_at) VALUES ($1::text, $2::text::jsonb, now())
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
      values: [key, toJsonText(value ?? null) ?? 'null'],
    }, { prepare: true });
  }

  async delete(key: string): Promise<void> {
    await runStatement(this.#sql, { text: 'DELETE FROM settings WHERE key = $1', values: [key] }, { prepare: true });
  }
}
