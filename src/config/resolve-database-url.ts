import path from 'node:path';

/**
 * `sqlite:PATH` with a relative PATH is made absolute against the working directory once, so the
 * database does not move if something later changes directory. Other URLs pass unchanged.
 */
export function resolveDatabaseUrl(databaseUrl: string, cwd: string): string {
  const sqlitePrefix = 'sqlite:';
  if (!databaseUrl.startsWith(sqlitePrefix)) return databaseUrl;
  const location = databaseUrl.slice(sqlitePrefix.length);
  if (location === ':memory:' || path.isAbsolute(location)) return databaseUrl;
  return `${sqlitePrefix}${path.resolve(cwd, location)}`;
}
