/**
 * The audit log (contract §14): one append-only row per management change, with who made it,
 * what and on which target, and the target before and after with every secret removed.
 */

export interface AuditEntry {
  id: string;
  /** ISO 8601. */
  timestamp: string;
  /** The key's name, `admin` for the admin key, `system` for background jobs (retention). */
  actor: string;
  /** `RESOURCE.create|update|delete`, or a named operation such as `logs.retention`. */
  action: string;
  /** What changed: the management path below `/api/`, e.g. `api-keys/KEY_ID`. */
  target: string;
  before: unknown;
  after: unknown;
}

export interface AuditLogQuery {
  actor?: string;
  action?: string;
  /** Entries whose target starts with this. */
  target?: string;
  /** ISO 8601 bounds on `timestamp`, inclusive start, exclusive end. */
  startTime?: string;
  endTime?: string;
  page: number;
  pageSize: number;
}

/** Append and read only: there is deliberately no update or delete. */
export interface AuditLogRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(query: AuditLogQuery): Promise<{ count: number; results: AuditEntry[] }>;
}
