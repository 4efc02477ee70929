import type { SqliteStatements } from '../storage/sqlite/sqlite-statements.ts';
import type { AuditEntry, AuditLogQuery, AuditLogRepository } from './audit-log.ts';
import { auditLogWhere } from './audit-log-sql.ts';

export class SqliteAuditLogRepository implements AuditLogRepository {
  readonly #statements: SqliteStatements;

  constructor(statements: SqliteStatements) {
    this.#statements = statements;
  }

  async append(entry: AuditEntry): Promise<void> {
    this.#statements.run(
      'INSERT INTO audit_logs (id, "timestamp", actor, action, target, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)',
      [entry.id, entry.timestamp, entry.actor, entry.action, entry.target, jsonText(entry.before), jsonText(entry.after)],
    );
  }

  async list(query: AuditLogQuery): Promise<{ count: number; results: AuditEntry[] }> {
    const { where, values } = auditLogWhere(query, { placeholder: (position) => `?${position}`, timestampCast: '' });
    const count = Number(this.#statements.all(`SELECT count(*) AS count FROM audit_logs ${where}`, values)[0].count);
    const rows = this.#statements.all(
      `SELECT * FROM audit_logs ${where} ORDER BY "timestamp" DESC, id DESC LIMIT ${Math.trunc(query.pageSize)} OFFSET ${Math.trunc((query.page - 1) * query.pageSize)}`,
      values,
    );
    return { count, results: rows.map(entryFromRow) };
  }
}

function jsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function entryFromRow(row: Record<string, unknown>): AuditEntry {
  return {
    id: String(row.id),
    timestamp: String(row.timestamp),
    actor: String(row.actor),
    action: String(row.action),
    target: String(row.target),
    before: row.before === null || row.before === undefined ? null : JSON.parse(String(row.before)),
    after: row.after === null || row.after === undefined ? null : JSON.parse(String(row.after)),
  };
}
