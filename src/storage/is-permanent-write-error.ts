/**
 * Whether a failed write is the data's fault (retrying the same rows can never succeed) rather
 * than the database's (down, restarting, busy, connection dropped: retrying later will).
 *
 * Postgres: SQLSTATE classes 22 (data exception), 23 (integrity constraint violation) and 54
 * (program limit exceeded, e.g. a row too large). https://www.postgresql.org/docs/current/errcodes-appendix.html
 * SQLite: primary result codes TOOBIG (18), CONSTRAINT (19), MISMATCH (20), RANGE (25).
 * https://www.sqlite.org/rescode.html
 */
export function isPermanentWriteError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  if (typeof errcode === 'number') return [18, 19, 20, 25].includes(errcode & 0xff);
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code.startsWith('22') || code.startsWith('23') || code.startsWith('54');
  return false;
}
