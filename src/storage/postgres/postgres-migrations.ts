import type { Sql } from 'postgres';
import type { Migration } from '../migration.ts';
import { postgresAuditMigrations } from '../../governance/audit-migrations.ts';
import { quoteIdentifier } from '../sql-dialect.ts';

/**
 * The Postgres schema, as versions applied in order and recorded in `schema_migrations`. A version,
 * once released, never changes: a new need is a new version.
 */
export const postgresMigrations: readonly Migration[] = [
  ...postgresAuditMigrations,
  {
    version: 1,
    name: 'logs, customers, api keys, settings',
    statements: [
      `CREATE TABLE logs (
        unique_id text PRIMARY KEY,
        "timestamp" timestamptz NOT NULL,
        trace_unique_id text NOT NULL,
        api_key text,
        model text NOT NULL,
        provider_id text,
        deployment_name text,
        status text NOT NULL,
        status_code integer NOT NULL,
        error_message text,
        stream boolean NOT NULL,
        cache_hit boolean NOT NULL,
        latency double precision NOT NULL,
        time_to_first_token double precision,
        prompt_tokens integer NOT NULL,
        completion_tokens integer NOT NULL,
        total_tokens integer NOT NULL,
        cached_tokens integer NOT NULL,
        cache_creation_tokens integer NOT NULL,
        reasoning_tokens integer NOT NULL,
        cost double precision NOT NULL,
        cost_estimated boolean NOT NULL,
        customer_identifier text,
        customer_name text,
        customer_email text,
        thread_identifier text,
        custom_identifier text,
        metadata jsonb,
        fallback integer NOT NULL,
        log_type text NOT NULL,
        prompt_messages json,
        completion_message json,
        attempts json NOT NULL
      )`,
      'CREATE INDEX logs_timestamp_index ON logs ("timestamp")',
      'CREATE INDEX logs_api_key_timestamp_index ON logs (api_key, "timestamp")',
      'CREATE INDEX logs_customer_timestamp_index ON logs (customer_identifier, "timestamp")',
      'CREATE INDEX logs_thread_index ON logs (thread_identifier)',
      'CREATE INDEX logs_trace_index ON logs (trace_unique_id)',
      `CREATE TABLE customers (
        customer_identifier text PRIMARY KEY,
        name text,
        email text,
        limits jsonb NOT NULL DEFAULT '[]',
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL
      )`,
      `CREATE TABLE api_keys (
        id text PRIMARY KEY,
        name text NOT NULL UNIQUE,
        key_hash text NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        scope text NOT NULL,
        limits jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz
      )`,
      `CREATE TABLE settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    version: 10,
    name: 'prompts, prompt versions; span and prompt columns on logs',
    statements: [
      `CREATE TABLE prompts (
        prompt_id text PRIMARY KEY,
        name text NOT NULL,
        description text,
        deployed_version integer,
        version_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE TABLE prompt_versions (
        prompt_id text NOT NULL REFERENCES prompts (prompt_id) ON DELETE CASCADE,
        version integer NOT NULL,
        model text,
        messages jsonb NOT NULL,
        variables jsonb NOT NULL,
        parameters jsonb NOT NULL,
        description text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (prompt_id, version)
      )`,
      `ALTER TABLE logs ADD COLUMN span_unique_id text, ADD COLUMN span_parent_id text, ADD COLUMN span_name text,
        ADD COLUMN prompt_id text, ADD COLUMN prompt_version_number integer`,
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
        numerical_value DOUBLE PRECISION,
        string_value TEXT,
        boolean_value INTEGER,
        categorical_value TEXT,
        numeric_score DOUBLE PRECISION,
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
 * Applies the missing versions in one transaction. The advisory lock (scoped to the schema) makes
 * replicas that start together on an empty database take turns: the first migrates, the others
 * then find nothing to do.
 */
export async function migratePostgres(sql: Sql, options: { schema?: string; migrations?: readonly Migration[] } = {}): Promise<void> {
  const migrations = options.migrations ?? postgresMigrations;
  await sql.begin(async (transaction) => {
    await transaction.unsafe("SELECT pg_advisory_xact_lock(hashtext('switchboard:migrate:' || $1::text))", [options.schema ?? '']);
    if (options.schema !== undefined) await transaction.unsafe(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    await transaction.unsafe(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Set((await transaction.unsafe<Array<{ version: number }>>('SELECT version FROM schema_migrations')).map((row) => row.version));
    for (const migration of [...migrations].sort((left, right) => left.version - right.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await transaction.unsafe(statement);
      await transaction.unsafe('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
  });
}
