import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { DatabaseWithTraces } from './database-with-traces.ts';

export interface OpenDatabaseOptions {
  /** Postgres only: the schema to create and use (tests use one per run). Also `?schema=NAME` in the URL. */
  schema?: string;
  /** Postgres only: pool size (default 10). */
  maxConnections?: number;
  /** Apply pending migrations before returning (default true; migrating twice is a no-op). */
  migrate?: boolean;
}

const schemaNamePattern = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Picks the store once, at start-up, from `DATABASE_URL`: `sqlite:PATH` (`sqlite::memory:` for a
 * throwaway database) or `postgres://` / `postgresql://`.
 */
export async function openDatabase(databaseUrl: string, options: OpenDatabaseOptions = {}): Promise<DatabaseWithTraces> {
  const database = await connect(databaseUrl, options);
  if (options.migrate ?? true) {
    try {
      await database.migrate();
    } catch (error) {
      await database.close().catch(() => {});
      throw error;
    }
  }
  return database;
}

async function connect(databaseUrl: string, options: OpenDatabaseOptions): Promise<DatabaseWithTraces> {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = sqlitePath(databaseUrl);
    if (path !== ':memory:') await mkdir(dirname(resolve(path)), { recursive: true });
    const { SqliteDatabase } = await import('./sqlite/sqlite-database.ts');
    return new SqliteDatabase(path);
  }
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    const url = new URL(databaseUrl);
    // `schema` is ours, not a Postgres startup parameter: the driver would pass it on and fail.
    const schema = options.schema ?? url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    if (schema !== undefined && !schemaNamePattern.test(schema)) throw new Error(`Invalid Postgres schema name '${schema}'`);
    // Each store's driver loads only when it is the one configured.
    const { PostgresDatabase } = await import('./postgres/postgres-database.ts');
    return new PostgresDatabase({ url: url.toString(), schema, maxConnections: options.maxConnections });
  }
  throw new Error('DATABASE_URL must be sqlite:PATH or a postgres:// URL');
}

/** `sqlite:./data/x.db`, `sqlite:/abs/x.db`, `sqlite:///abs/x.db`, `sqlite::memory:`. */
function sqlitePath(databaseUrl: string): string {
  let path = databaseUrl.slice('sqlite:'.length);
  if (path.startsWith('//')) path = path.slice(2);
  if (path === '') throw new Error('DATABASE_URL sqlite: needs a path (sqlite:./data/switchboard.db)');
  return path;
}
