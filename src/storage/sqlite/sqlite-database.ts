import type { DatabaseSync } from 'node:sqlite';
import type { DatabaseWithTraces } from '../database-with-traces.ts';
import { SqlEvaluationRepository } from '../evaluation-repository-sql.ts';
import { SqliteAuditLogRepository } from '../../governance/sqlite-audit-log-repository.ts';
import { SqliteApiKeyRepository } from './sqlite-api-key-repository.ts';
import { openSqliteConnection } from './sqlite-connection.ts';
import { SqliteCustomerRepository } from './sqlite-customer-repository.ts';
import { SqliteLogRepository } from './sqlite-log-repository.ts';
import { migrateSqlite } from './sqlite-migrations.ts';
import { SqlitePromptRepository } from './sqlite-prompt-repository.ts';
import { SqliteSettingsRepository } from './sqlite-settings-repository.ts';
import { SqliteStatements } from './sqlite-statements.ts';
import { SqliteWriteThread } from './sqlite-write-thread.ts';

/**
 * The embedded single-process store (node:sqlite). Its calls are synchronous, so the heavy ones,
 * log batches and retention deletes, run on a worker thread with a connection of its own
 * (sqlite-write-thread.ts); this thread's connection serves the management APIs, whose queries
 * are small. An in-memory database cannot be shared between connections and writes in-thread.
 */
export class SqliteDatabase implements DatabaseWithTraces {
  readonly kind = 'sqlite' as const;
  readonly logs: SqliteLogRepository;
  readonly apiKeys: SqliteApiKeyRepository;
  readonly customers: SqliteCustomerRepository;
  readonly settings: SqliteSettingsRepository;
  readonly auditLogs: SqliteAuditLogRepository;
  readonly prompts: SqlitePromptRepository;
  readonly evaluations: SqlEvaluationRepository;
  readonly #database: DatabaseSync;
  readonly #writeThread: SqliteWriteThread | undefined;

  /** `path` is a file path or `:memory:`; the parent directory must exist. */
  constructor(path: string) {
    this.#database = openSqliteConnection(path);
    this.#writeThread = path === ':memory:' ? undefined : new SqliteWriteThread(path);
    const statements = new SqliteStatements(this.#database);
    this.logs = new SqliteLogRepository(statements, this.#writeThread);
    this.apiKeys = new SqliteApiKeyRepository(statements);
    this.customers = new SqliteCustomerRepository(statements);
    this.settings = new SqliteSettingsRepository(statements);
    this.auditLogs = new SqliteAuditLogRepository(statements);
    this.prompts = new SqlitePromptRepository(statements);
    // The shared evaluation SQL numbers parameters `$1`; SQLite spells them `?1`.
    this.evaluations = new SqlEvaluationRepository({
      kind: 'sqlite',
      query: async (text, values = []) => statements.all(text.replace(/\$(\d+)/g, '?$1'), values),
    });
  }

  async migrate(): Promise<void> {
    migrateSqlite(this.#database);
  }

  async ping(): Promise<void> {
    this.#database.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.#writeThread?.close();
    if (this.#database.isOpen) this.#database.close();
  }
}
