import type { ApiKeyScope, LimitConfig } from '../config/config.ts';
import type { LogRecord } from '../logging/log-record.ts';

/**
 * Persistent storage behind one interface, two implementations (node:sqlite and Postgres) picked
 * once at start-up by open-database.ts from `DATABASE_URL`. Both pass the same test suite.
 */

export interface Database {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema; safe when several replicas start at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  readonly logs: LogRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly customers: CustomerRepository;
  readonly settings: SettingsRepository;
}

export type FilterOperator = '' | 'in' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains' | 'icontains' | 'not' | 'isnull';

/** One validated condition: `field` is a log column or `metadata__KEY`. */
export interface LogFilter {
  field: string;
  operator: FilterOperator;
  value: unknown[];
}

export interface LogQuery {
  filters: LogFilter[];
  /** ISO 8601 bounds on `timestamp`, inclusive start, exclusive end. */
  startTime?: string;
  endTime?: string;
}

export interface LogListQuery extends LogQuery {
  /** A log field, `-field` for descending; default `-timestamp`. */
  sortBy: string;
  page: number;      // from 1
  pageSize: number;  // ≤ 1000
}

export interface LogSummary {
  total_cost: number;
  total_tokens: number;
  number_of_requests: number;
}

export interface LogRepository {
  /** One transaction for the whole batch. */
  insertMany(records: readonly LogRecord[]): Promise<void>;
  get(uniqueId: string): Promise<LogRecord | undefined>;
  list(query: LogListQuery): Promise<{ count: number; results: LogRecord[] }>;
  summarize(query: LogQuery): Promise<LogSummary>;
  /** Logs of one trace (a gateway request id), oldest first. */
  listTrace(traceUniqueId: string): Promise<LogRecord[]>;
  /** Deletes at most `batchSize` logs older than `before`; returns how many. */
  deleteOlderThan(before: string, batchSize: number): Promise<number>;
}

export interface ApiKeyRow {
  id: string;
  name: string;
  /** HMAC-SHA-256 of the key, hex. The key itself is never stored. */
  key_hash: string;
  /** First characters of the key, to recognise it in lists (`sk-sb-ab12…`). */
  key_prefix: string;
  scope: ApiKeyScope;
  limits: LimitConfig[];
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface ApiKeyRepository {
  /** Inserts unless a key with this name exists (config keys are created once, by name); returns the stored row. */
  insertIfNameAbsent(row: ApiKeyRow): Promise<{ row: ApiKeyRow; created: boolean }>;
  insert(row: ApiKeyRow): Promise<void>;
  list(): Promise<ApiKeyRow[]>;
  get(id: string): Promise<ApiKeyRow | undefined>;
  update(id: string, patch: Partial<Pick<ApiKeyRow, 'name' | 'scope' | 'limits' | 'expires_at'>>): Promise<ApiKeyRow | undefined>;
  revoke(id: string, at: string): Promise<ApiKeyRow | undefined>;
}

export interface CustomerRow {
  customer_identifier: string;
  name: string | null;
  email: string | null;
  limits: LimitConfig[];
  first_seen: string;
  last_seen: string;
}

export interface CustomerWithUsage extends CustomerRow {
  number_of_requests: number;
  total_tokens: number;
  total_cost: number;
}

export interface CustomerListQuery {
  filters: LogFilter[];   // over customer fields and aggregates
  startTime?: string;
  endTime?: string;
  sortBy: string;
  page: number;
  pageSize: number;
}

export interface CustomerRepository {
  list(query: CustomerListQuery): Promise<{ count: number; results: CustomerWithUsage[] }>;
  get(customerIdentifier: string, period?: { startTime?: string; endTime?: string }): Promise<CustomerWithUsage | undefined>;
  /** Creates the customer if absent. */
  update(customerIdentifier: string, patch: Partial<Pick<CustomerRow, 'name' | 'email' | 'limits'>>): Promise<CustomerRow>;
  /** Deletes the customer and their logs; returns counts. */
  delete(customerIdentifier: string): Promise<{ customers: number; logs: number }>;
}

/** Small JSON documents by key: platform settings, stored providers, secrets' metadata. */
export interface SettingsRepository {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}
