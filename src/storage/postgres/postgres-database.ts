import postgres, { type Sql } from 'postgres';
import type { DatabaseWithTraces } from '../database-with-traces.ts';
import { SqlEvaluationRepository } from '../evaluation-repository-sql.ts';
import { runStatement } from './postgres-query.ts';
import { PostgresAuditLogRepository } from '../../governance/postgres-audit-log-repository.ts';
import { PostgresApiKeyRepository } from './postgres-api-key-repository.ts';
import { PostgresCustomerRepository } from './postgres-customer-repository.ts';
import { PostgresLogRepository } from './postgres-log-repository.ts';
import { migratePostgres } from './postgres-migrations.ts';
import { PostgresPromptRepository } from './postgres-prompt-repository.ts';
import { PostgresSettingsRepository } from './postgres-settings-repository.ts';

export interface PostgresDatabaseOptions {
  /** `postgres://` or `postgresql://`, without the `schema` parameter. */
  url: string;
  /** Schema to create and use (search_path); tests use one per run. */
  schema?: string;
  maxConnections?: number;
}

/**
 * The shared store for many replicas. One pool per process; every repository uses it. The driver
 * reconnects by itself after a connection is lost, so a failed batch succeeds on its retry.
 */
export class PostgresDatabase implements DatabaseWithTraces {
  readonly kind = 'postgres' as const;
  readonly logs: PostgresLogRepository;
  readonly apiKeys: PostgresApiKeyRepository;
  readonly customers: PostgresCustomerRepository;
  readonly settings: PostgresSettingsRepository;
  readonly auditLogs: PostgresAuditLogRepository;
  readonly prompts: PostgresPromptRepository;
  readonly evaluations: SqlEvaluationRepository;
  readonly #sql: Sql;
  readonly #schema: string | undefined;

  constructor(options: PostgresDatabaseOptions) {
    this.#schema = options.schema;
    this.#sql = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // Idle connections are closed so a quiet replica holds none, and so a process can exit.
      idle_timeout: 30,
      connect_timeout: 10,
      connection: options.schema === undefined ? {} : { search_path: options.schema },
    });
    this.logs = new PostgresLogRepository(this.#sql);
    this.apiKeys = new PostgresApiKeyRepository(this.#sql);
    this.customers = new PostgresCustomerRepository(this.#sql);
    this.settings = new PostgresSettingsRepository(this.#sql);
    this.auditLogs = new PostgresAuditLogRepository(this.#sql);
    this.prompts = new PostgresPromptRepository(this.#sql);
    const sql = this.#sql;
    this.evaluations = new SqlEvaluationRepository({ kind: 'postgres', query: (text, values = []) => runStatement(sql, { text, values: [...values] }) });
  }

  async migrate(): Promise<void> {
    await migratePostgres(this.#sql, { schema: this.#schema });
  }

  async ping(): Promise<void> {
    await this.#sql.unsafe('SELECT 1');
  }

  /**
   * Gives running queries 2 s, then closes every connection. The bound matters beyond patience:
   * the driver can wait forever on a connection the server terminated earlier.
   */
  async close(): Promise<void> {
    await this.#sql.end({ timeout: 2 });
  }
}
