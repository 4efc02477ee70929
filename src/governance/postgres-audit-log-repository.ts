import type { Sql } from 'postgres';
import { runStatement } from '../storage/postgres/postgres-query.ts';
import type { AuditEntry, AuditLogQuery, AuditLogRepository } from './audit-log.ts';
import { auditLogWhere } from './audit-log-sql.ts';
import { entryFromRow } from './sqlite-audit-log-repository.ts';

const selectList = `id, actor, action, target, before::text AS before, after::text AS after,
  to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS timestamp`;

export class PostgresAuditLogRepository implements AuditLogRepository {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async append(entry: AuditEntry): Promise<void> {
    await runStatement(this.#sql, {
      text: 'INSERT INTO audit_logs (id, "timestamp", actor, action, target, before, after) VALUES ($1, $2::timestamptz, $3, $4, $5, $6::text::jsonb, $7::text::jsonb)',
      values: [entry.id, entry.timestamp, entry.actor, entry.action, entry.target, jsonText(entry.before), jsonText(entry.after)],
    }, { prepare: true });
  }

  async list(query: AuditLogQuery): Promise<{ count: number; results: AuditEntry[] }> {
    const { where, values } = auditLogWhere(query, { placeholder: (position) => `$${position}::text`, timestampCast: '::timestamptz' });
    const countRows = await runStatement(this.#sql, { text: `SELECT count(*)::integer AS count FROM audit_logs ${where}`, values });
    const rows = await runStatement(this.#sql, {
      text: `SELECT ${selectList} FROM audit_logs ${where} ORDER BY audit_logs."timestamp" DESC, id DESC LIMIT ${Math.trunc(query.pageSize)} OFFSET ${Math.trunc((query.page - 1) * query.pageSize)}`,
      values,
    });
    return { count: Number(countRows[0].count), results: rows.map(entryFromRow) };
  }
}

function jsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
