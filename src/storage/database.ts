import type { ApiKeyScope, LimitConfig } from '../config/config.ts';
import type { AuditLogRepository } from '../governance/audit-log.ts';
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
  /** Append-only record of management changes (contract §14). */
  readonly auditLogs: AuditLogRepository;
  readonly prompts: PromptRepository;
  /** Evaluators, scores, online-evaluation queue, datasets, experiments (contract §13). */
  readonly evaluations: EvaluationRepository;
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
  /** Per evaluator with scores on the matching logs (contract §13); absent when there are none. */
  scores?: Record<string, { avg_score: number } | { true_count: number; false_count: number }>;
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
  /** Secret rotation: the key's hash under the new server secret. */
  updateKeyHash(id: string, keyHash: string): Promise<void>;
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

/** A managed prompt (contract §12); its versions hold the content. */
export interface PromptRow {
  prompt_id: string;
  name: string;
  description: string | null;
  /** The live version, or null when none is deployed; at most one per prompt. */
  deployed_version: number | null;
  /** Versions ever created: the next one is numbered this + 1 (numbers are never reused). */
  version_count: number;
  created_at: string;
  updated_at: string;
}

export interface PromptVersionRow {
  prompt_id: string;
  version: number;
  model: string | null;
  /** Chat messages whose text may hold `{{variable}}` placeholders. */
  messages: unknown[];
  /** Default values for the placeholders. */
  variables: Record<string, unknown>;
  /** Request fields the version sets: sampling parameters, tools, tool_choice, response_format, ... */
  parameters: Record<string, unknown>;
  description: string | null;
  created_at: string;
  updated_at: string;
}

export type PromptVersionContent = Pick<PromptVersionRow, 'model' | 'messages' | 'variables' | 'parameters' | 'description'>;

export interface PromptRepository {
  list(): Promise<PromptRow[]>;
  get(promptId: string): Promise<PromptRow | undefined>;
  insert(row: PromptRow): Promise<void>;
  update(promptId: string, patch: Partial<Pick<PromptRow, 'name' | 'description'>>): Promise<PromptRow | undefined>;
  /** Deletes the prompt and its versions; false when it did not exist. */
  delete(promptId: string): Promise<boolean>;
  /** Oldest first. */
  listVersions(promptId: string): Promise<PromptVersionRow[]>;
  getVersion(promptId: string, version: number): Promise<PromptVersionRow | undefined>;
  /** The highest-numbered existing version. */
  getLatestVersion(promptId: string): Promise<PromptVersionRow | undefined>;
  /** Numbers the version atomically (version_count + 1); undefined when the prompt does not exist. */
  insertVersion(promptId: string, content: PromptVersionContent, at: string): Promise<PromptVersionRow | undefined>;
  updateVersion(promptId: string, version: number, patch: Partial<PromptVersionContent>, at: string): Promise<PromptVersionRow | undefined>;
  /** Deleting the deployed version leaves the prompt with none deployed. */
  deleteVersion(promptId: string, version: number): Promise<boolean>;
  /** `null` undeploys; the version must exist (checked by the caller). */
  setDeployedVersion(promptId: string, version: number | null, at: string): Promise<PromptRow | undefined>;
}

export type EvaluatorType = 'llm' | 'code' | 'human';
export type ScoreValueType = 'numerical' | 'boolean' | 'string' | 'categorical';

export interface EvaluatorRow {
  id: string;
  name: string;
  evaluator_slug: string;
  type: EvaluatorType;
  score_value_type: ScoreValueType;
  description?: string;
  llm_config?: { model: string; evaluator_definition: string; scoring_rubric?: string };
  code_config?: { eval_code_snippet: string };
  created_at: string;
}

/** One score of one evaluator on one log; at most one value field is set, none when `error` is. */
export interface ScoreRow {
  id: string;
  log_unique_id: string;
  evaluator_id: string;
  evaluator_slug: string;
  score_value_type: ScoreValueType;
  numerical_value: number | null;
  string_value: string | null;
  boolean_value: boolean | null;
  categorical_value: string[] | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface AutomationRow {
  id: string;
  name: string;
  automation_type: 'online_eval';
  /** A logs filters object (`{FIELD: {operator, value}}`), validated on the way in. */
  condition: Record<string, unknown>;
  evaluator_ids: string[];
  configuration: { sampling_rate: number };
  is_enabled: boolean;
  created_at: string;
}

export interface EvalJobRow {
  id: string;
  log_unique_id: string;
  evaluator_id: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: string;
}

export interface DatasetRow {
  id: string;
  name: string;
  rows: Array<{ input: unknown; output: unknown }>;
  created_at: string;
}

export interface ExperimentCell {
  output: unknown;
  cost?: number;
  error?: string;
  scores: Record<string, unknown>;
}

export interface ExperimentRow {
  id: string;
  name: string;
  dataset_id: string;
  models: string[];
  prompt_versions: Array<{ prompt_id: string; version: number }>;
  evaluator_ids: string[];
  status: 'running' | 'completed' | 'failed';
  progress: { done: number; total: number };
  results: Array<{ input: unknown; outputs: Record<string, ExperimentCell> }>;
  created_at: string;
}

/** Evaluators, scores, online-evaluation automations and their job queue, datasets, experiments. */
export interface EvaluationRepository {
  insertEvaluator(row: EvaluatorRow): Promise<'created' | 'slug_taken'>;
  listEvaluators(): Promise<EvaluatorRow[]>;
  /** By id or by slug. */
  getEvaluator(idOrSlug: string): Promise<EvaluatorRow | undefined>;
  replaceEvaluator(row: EvaluatorRow): Promise<'updated' | 'slug_taken' | 'not_found'>;
  deleteEvaluator(id: string): Promise<boolean>;

  /** `conflict` when the log already has a score from this evaluator. */
  insertScore(row: ScoreRow): Promise<'created' | 'conflict'>;
  /** Inserts or replaces the evaluator's score on the log (what background evaluation writes). */
  upsertScore(row: ScoreRow): Promise<void>;
  listScores(logUniqueId: string): Promise<ScoreRow[]>;
  getScore(logUniqueId: string, scoreId: string): Promise<ScoreRow | undefined>;
  replaceScore(row: ScoreRow): Promise<void>;
  deleteScore(logUniqueId: string, scoreId: string): Promise<boolean>;
  /** Erasure (contract §14): every score on one customer's logs; returns how many. */
  deleteScoresOfCustomer(customerIdentifier: string): Promise<number>;

  insertAutomation(row: AutomationRow): Promise<void>;
  listAutomations(): Promise<AutomationRow[]>;
  getAutomation(id: string): Promise<AutomationRow | undefined>;
  replaceAutomation(row: AutomationRow): Promise<void>;
  deleteAutomation(id: string): Promise<boolean>;

  /** Adds pending jobs; a (log, evaluator) pair already queued is skipped. Returns how many were added. */
  enqueueJobs(jobs: ReadonlyArray<{ log_unique_id: string; evaluator_id: string }>): Promise<number>;
  /**
   * Marks up to `limit` pending jobs (and running ones claimed before `staleBefore`, whose worker
   * died) as running and returns them. Replicas never claim the same job.
   */
  claimJobs(options: { limit: number; staleBefore: string; maxAttempts: number }): Promise<EvalJobRow[]>;
  finishJob(id: string, outcome: { status: 'done' | 'failed' | 'pending'; error?: string }): Promise<void>;
  countJobs(status?: EvalJobRow['status']): Promise<number>;

  insertDataset(row: DatasetRow): Promise<void>;
  listDatasets(): Promise<DatasetRow[]>;
  getDataset(id: string): Promise<DatasetRow | undefined>;

  insertExperiment(row: ExperimentRow): Promise<void>;
  getExperiment(id: string): Promise<ExperimentRow | undefined>;
  listExperiments(): Promise<ExperimentRow[]>;
  replaceExperiment(row: ExperimentRow): Promise<void>;
}
