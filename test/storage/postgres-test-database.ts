import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase } from '../../src/storage/open-database.ts';
import type { DatabaseWithTraces } from '../../src/storage/database-with-traces.ts';

/** The local test server (trust auth); TEST_DATABASE_URL overrides it. */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Databases in schemas of their own (`sb_test_<random>`), so concurrent runs never meet; `dropAll`
 * removes every schema this helper created.
 */
export class PostgresTestSchemas {
  readonly #schemas: string[] = [];

  newSchemaName(): string {
    const name = `sb_test_${randomBytes(6).toString('hex')}`;
    this.#schemas.push(name);
    return name;
  }

  async open(options: { schema?: string; applicationName?: string } = {}): Promise<DatabaseWithTraces> {
    const schema = options.schema ?? this.newSchemaName();
    const url = new URL(postgresUrl);
    if (options.applicationName !== undefined) url.searchParams.set('application_name', options.applicationName);
    return openDatabase(url.toString(), { schema });
  }

  async dropAll(): Promise<void> {
    const sql = postgres(postgresUrl, { onnotice: () => {}, max: 1 });
    try {
      for (const schema of this.#schemas) await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await sql.end({ timeout: 5 });
    }
  }
}
