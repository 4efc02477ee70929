import type { Migration } from '../storage/migration.ts';

/**
 * The audit_logs table. Versions 30+ are governance's, apart from the core schema's. Append-only
 * is enforced by the code (the repository has no update or delete) and, on SQLite and Postgres,
 * by triggers that refuse UPDATE and DELETE, so a bug or a hand-written query cannot rewrite history.
 */
export const sqliteAuditMigrations: readonly Migration[] = [
  {
    version: 30,
    name: 'audit_logs',
    statements: [
      `CREATE TABLE audit_logs (
        id TEXT PRIMARY KEY NOT NULL,
        "timestamp" TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        before TEXT,
        after TEXT
      )`,
      'CREATE INDEX audit_logs_timestamp ON audit_logs ("timestamp" DESC, id DESC)',
      `CREATE TRIGGER audit_logs_no_update BEFORE UPDATE ON audit_logs
        BEGIN SELECT RAISE(ABORT, 'audit_logs is append-only'); END`,
      `CREATE TRIGGER audit_logs_no_delete BEFORE DELETE ON audit_logs
        BEGIN SELECT RAISE(ABORT, 'audit_logs is append-only'); END`,
    ],
  },
];

export const postgresAuditMigrations: readonly Migration[] = [
  {
    version: 30,
    name: 'audit_logs',
    statements: [
      `CREATE TABLE audit_logs (
        id text PRIMARY KEY,
        "timestamp" timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        before jsonb,
        after jsonb
      )`,
      'CREATE INDEX audit_logs_timestamp ON audit_logs ("timestamp" DESC, id DESC)',
      `CREATE FUNCTION audit_logs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_logs is append-only'; END $$`,
      `CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
        FOR EACH ROW EXECUTE FUNCTION audit_logs_refuse_change()`,
    ],
  },
];
