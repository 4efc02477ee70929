import type { Database, LogListQuery, LogRepository } from './database.ts';
import type { TraceSummary } from './trace-query-sql.ts';

/** Paginated trace summaries (logs grouped by trace_unique_id), for POST /api/traces/list/. */
export interface TraceListing {
  listTraces(query: LogListQuery): Promise<{ count: number; results: TraceSummary[] }>;
}

/**
 * What openDatabase returns: a Database whose log repository also lists traces. Kept apart from
 * database.ts until that interface takes `listTraces` itself; it is assignable to Database.
 */
export interface DatabaseWithTraces extends Database {
  readonly logs: LogRepository & TraceListing;
}

export type { TraceSummary };
