import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../migration.ts';

/**
 * The SQLite schema, versioned like Postgres'. Timestamps are ISO 8601 text with milliseconds and
 * `Z` (one fixed form, so text order is time order); booleans are 0/1; JSON is text.
 */
export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'logs, customers, api keys, settings',
    statements: [
      `CREATE TABLE logs (
        unique_id TEXT PRIMARY KEY NOT NULL,
        "timestamp" TEXT NOT NULL,
        trace_unique_id TEXT NOT NULL,
        api_key TEXT,
        model TEXT NOT NULL,
        provider_id TEXT,
        deployment_name TEXT,
        status TEXT NOT NULL,
        status_code INTEGER NOT NULL,
        error_message TEXT,
        stream INTEGER NOT NULL,
        cache_hit INTEGER NOT NULL,
        latency REAL NOT NULL,
        time_to_first_token REAL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        total_tokens INTEGER NOT NULL,
        cached_tokens INTEGER NOT NULL,
        cache_creation_tokens INTEGER NOT NULL,
        reasoning_tokens INTEGER NOT NULL,
        cost REAL NOT NULL,
        cost_estimated INTEGER NOT NULL,
        customer_identifier TEXT,
        customer_name TEXT,
        customer_email TEXT,
        thread_identifier TEXT,
        custom_identifier TEXT,
        metadata TEXT,
        fallback INTEGER NOT NULL,
        log_type TEXT NOT NULL,
        prompt_messages TEXT,
        completion_message TEXT,
        attempts TEXT NOT NULL
      )`,
      'CREATE INDEX logs_timestamp_index ON logs ("timestamp")',
      'CREATE INDEX logs_api_key_timestamp_index ON logs (api_key, "timestamp")',
      'CREATE INDEX logs_customer_timestamp_index ON logs (customer_identifier, "timestamp")',
      'CREATE INDEX logs_thread_index ON logs (thread_identifier)',
      'CREATE INDEX logs_trace_index ON logs (trace_unique_id)',
      `CREATE TABLE customers (
        customer_identifier TEXT PRIMARY KEY NOT NULL,
        name TEXT,
        email TEXT,
        limits TEXT NOT NULL DEFAULT '[]',
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
      )`,
      `CREATE TABLE api_keys (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL UNIQUE,
        key_hash TEXT NOT NULL UNIQUE,
        key_prefix TEXT NOT NULL,
        scope TEXT NOT NULL,
        limits TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        expires_at TEXT,
        revoked_at TEXT
      )`,
      `CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
    ],
  },
];

/**
 * Applies the missing versions. BEGIN IMMEDIATE takes the write lock first, so two processes
 * opening the same file migrate one after the other (the busy timeout makes the second wait).
 */
export function migrateSqlite(database: DatabaseSync, migrations: readonly Migration[] = sqliteMigrations): void {
  database.exec('BEGIN IMMEDIATE');
  try {
    database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const applied = new Set(database.prepare('SELECT version FROM schema_migrations').all().map((row) => Number(row.version)));
    const record = database.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of [...migrations].sort((left, right) => left.version - right.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) database.exec(statement);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
    database.exec('COMMIT');
  } catch (error) {
    database.exec('ROLLBACK');
    throw error;
  }
}
