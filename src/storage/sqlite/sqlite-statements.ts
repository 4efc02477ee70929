import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';

/**
 * Prepared statements, compiled once per distinct text and reused. Filtered list queries vary with
 * their filters, so the cache is bounded: the oldest statement is dropped past `limit`.
 */
export class SqliteStatements {
  readonly database: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  readonly #limit: number;

  constructor(database: DatabaseSync, limit = 200) {
    this.database = database;
    this.#limit = limit;
  }

  get(text: string): StatementSync {
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      statement = this.database.prepare(text);
      if (this.#statements.size >= this.#limit) this.#statements.delete(this.#statements.keys().next().value as string);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  all(text: string, values: readonly unknown[] = []): Array<Record<string, unknown>> {
    return this.get(text).all(...(values as SQLInputValue[])) as Array<Record<string, unknown>>;
  }

  run(text: string, values: readonly unknown[] = []): number {
    return Number(this.get(text).run(...(values as SQLInputValue[])).changes);
  }

  /**
   * Runs `work` in one transaction. node:sqlite is synchronous, so nothing else in this process
   * can interleave between BEGIN and COMMIT; IMMEDIATE takes the write lock up front so another
   * process' writer makes this one wait (busy_timeout) instead of failing midway.
   */
  transaction<T>(work: () => T): T {
    this.database.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.database.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.database.isTransaction) this.database.exec('ROLLBACK');
      throw error;
    }
  }
}
