import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../migration.ts';
import { sqliteAuditMigrations } from '../../governance/audit-migrations.ts';

/**
 * The SQLite schema, versioned like Postgres'. Timestamps are ISO 8601 text with milliseconds and
 * `Z` (one fixed form, so text order is time order); booleans are 0/1; JSON is text.
 */
export const sqliteMigrations: readonly Migration[] = [
  ...sqliteAuditMigrations,
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
  {
    version: 10,
    name: 'prompts, prompt versions; span and prompt columns on logs',
    statements: [
      `CREATE TABLE prompts (
        prompt_id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        deployed_version INTEGER,
        version_count INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE prompt_versions (
        prompt_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        model TEXT,
        messages TEXT NOT NULL,
        variables TEXT NOT NULL,
        parameters TEXT NOT NULL,
        description TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (prompt_id, version)
      )`,
      'ALTER TABLE logs ADD COLUMN span_unique_id TEXT',
      'ALTER TABLE logs ADD COLUMN span_parent_id TEXT',
      'ALTER TABLE logs ADD COLUMN span_name TEXT',
      'ALTER TABLE logs ADD COLUMN prompt_id TEXT',
      'ALTER TABLE logs ADD COLUMN prompt_version_number INTEGER',
      'CREATE INDEX logs_prompt_index ON logs (prompt_id, "timestamp")',
    ],
  },
  {
    version: 20,
    name: 'evaluators, scores, automations, evaluation jobs, datasets, experiments',
    // Evaluators, automations, datasets and experiments are documents read whole; only scores and
    // jobs are queried by column (score filters and summaries, the job queue). Timestamps are ISO text
    // in both stores so the shared SQL in evaluation-repository-sql.ts compares them the same way.
    statements: [
      `CREATE TABLE evaluators (id TEXT PRIMARY KEY, evaluator_slug TEXT NOT NULL UNIQUE, document TEXT NOT NULL, created_at TEXT NOT NULL)`,
      `CREATE TABLE scores (
        id TEXT PRIMARY KEY,
        log_unique_id TEXT NOT NULL,
        evaluator_id TEXT NOT NULL,
        evaluator_slug TEXT NOT NULL,
        score_value_type TEXT NOT NULL,
        numerical_value REAL,
        string_value TEXT,
        boolean_value INTEGER,
        categorical_value TEXT,
        numeric_score REAL,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (log_unique_id, evaluator_id)
      )`,
      'CREATE INDEX scores_evaluator_index ON scores (evaluator_id, log_unique_id)',
      `CREATE TABLE automations (id TEXT PRIMARY KEY, document TEXT NOT NULL, created_at TEXT NOT NULL)`,
      `CREATE TABLE eval_jobs (
        id TEXT PRIMARY KEY,
        log_unique_id TEXT NOT NULL,
        evaluator_id TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        claimed_at TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (log_unique_id, evaluator_id)
      )`,
      'CREATE INDEX eval_jobs_status_index ON eval_jobs (status, created_at)',
      `CREATE TABLE datasets (id TEXT PRIMARY KEY, document TEXT NOT NULL, created_at TEXT NOT NULL)`,
      `CREATE TABLE experiments (id TEXT PRIMARY KEY, document TEXT NOT NULL, created_at TEXT NOT NULL)`,
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
