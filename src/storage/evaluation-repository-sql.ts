import { randomUUID } from 'node:crypto';
import type {
  AutomationRow, DatasetRow, EvalJobRow, EvaluationRepository, EvaluatorRow, ExperimentRow, ScoreRow, ScoreValueType,
} from './database.ts';

type Row = Record<string, unknown>;

/**
 * How the shared evaluation SQL reaches a store. Statements are written with `$1` placeholders;
 * the SQLite runner renumbers them to `?1`. Every column the evaluation tables hold is text, a
 * number or null in both stores (migration 20), so one set of statements serves both.
 */
export interface EvaluationSqlRunner {
  readonly kind: 'sqlite' | 'postgres';
  query(text: string, values?: readonly unknown[]): Promise<Row[]>;
}

const scoreColumns = 'id, log_unique_id, evaluator_id, evaluator_slug, score_value_type, numerical_value, string_value, boolean_value, categorical_value, numeric_score, error, created_at, updated_at';
const jobColumns = 'id, log_unique_id, evaluator_id, status, attempts, last_error, created_at';

/** The documents tables (evaluators, automations, datasets, experiments) hold the row as JSON text. */
type DocumentTable = 'automations' | 'datasets' | 'experiments';

export class SqlEvaluationRepository implements EvaluationRepository {
  readonly #runner: EvaluationSqlRunner;

  constructor(runner: EvaluationSqlRunner) {
    this.#runner = runner;
  }

  async insertEvaluator(row: EvaluatorRow): Promise<'created' | 'slug_taken'> {
    const inserted = await this.#runner.query(
      'INSERT INTO evaluators (id, evaluator_slug, document, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id',
      [row.id, row.evaluator_slug, JSON.stringify(row), row.created_at],
    );
    return inserted.length === 1 ? 'created' : 'slug_taken';
  }

  async listEvaluators(): Promise<EvaluatorRow[]> {
    const rows = await this.#runner.query('SELECT document FROM evaluators ORDER BY created_at, id');
    return rows.map((row) => JSON.parse(String(row.document)) as EvaluatorRow);
  }

  async getEvaluator(idOrSlug: string): Promise<EvaluatorRow | undefined> {
    const rows = await this.#runner.query('SELECT document FROM evaluators WHERE id = $1 OR evaluator_slug = $1 ORDER BY (id = $1) DESC LIMIT 1', [idOrSlug]);
    return rows.length === 0 ? undefined : (JSON.parse(String(rows[0].document)) as EvaluatorRow);
  }

  async replaceEvaluator(row: EvaluatorRow): Promise<'updated' | 'slug_taken' | 'not_found'> {
    const taken = await this.#runner.query('SELECT id FROM evaluators WHERE evaluator_slug = $1 AND id <> $2', [row.evaluator_slug, row.id]);
    if (taken.length > 0) return 'slug_taken';
    const updated = await this.#runner.query(
      'UPDATE evaluators SET evaluator_slug = $2, document = $3 WHERE id = $1 RETURNING id',
      [row.id, row.evaluator_slug, JSON.stringify(row)],
    );
    return updated.length === 1 ? 'updated' : 'not_found';
  }

  async deleteEvaluator(id: string): Promise<boolean> {
    return (await this.#runner.query('DELETE FROM evaluators WHERE id = $1 RETURNING id', [id])).length === 1;
  }

  async insertScore(row: ScoreRow): Promise<'created' | 'conflict'> {
    const inserted = await this.#runner.query(
      `INSERT INTO scores (${scoreColumns}) VALUES (${placeholders(13)}) ON CONFLICT (log_unique_id, evaluator_id) DO NOTHING RETURNING id`,
      encodeScore(row),
    );
    return inserted.length === 1 ? 'created' : 'conflict';
  }

  async upsertScore(row: ScoreRow): Promise<void> {
    await this.#runner.query(
      `INSERT INTO scores (${scoreColumns}) VALUES (${placeholders(13)})
        ON CONFLICT (log_unique_id, evaluator_id) DO UPDATE SET
          numerical_value = excluded.numerical_value, string_value = excluded.string_value,
          boolean_value = excluded.boolean_value, categorical_value = excluded.categorical_value,
          numeric_score = excluded.numeric_score, error = excluded.error, updated_at = excluded.updated_at`,
      encodeScore(row),
    );
  }

  async listScores(logUniqueId: string): Promise<ScoreRow[]> {
    const rows = await this.#runner.query(`SELECT ${scoreColumns} FROM scores WHERE log_unique_id = $1 ORDER BY created_at, id`, [logUniqueId]);
    return rows.map(decodeScore);
  }

  async getScore(logUniqueId: string, scoreId: string): Promise<ScoreRow | undefined> {
    const rows = await this.#runner.query(`SELECT ${scoreColumns} FROM scores WHERE log_unique_id = $1 AND id = $2`, [logUniqueId, scoreId]);
    return rows.length === 0 ? undefined : decodeScore(rows[0]);
  }

  async replaceScore(row: ScoreRow): Promise<void> {
    const values = encodeScore(row);
    // Only the value columns change; id and log pick the row. Unused parameters would leave
    // Postgres unable to infer their types, so the list holds exactly what the text uses.
    await this.#runner.query(
      `UPDATE scores SET numerical_value = $3, string_value = $4, boolean_value = $5, categorical_value = $6,
        numeric_score = $7, error = $8, updated_at = $9 WHERE id = $1 AND log_unique_id = $2`,
      [values[0], values[1], ...values.slice(5, 11), values[12]],
    );
  }

  async deleteScore(logUniqueId: string, scoreId: string): Promise<boolean> {
    return (await this.#runner.query('DELETE FROM scores WHERE log_unique_id = $1 AND id = $2 RETURNING id', [logUniqueId, scoreId])).length === 1;
  }

  async deleteScoresOfCustomer(customerIdentifier: string): Promise<number> {
    const deleted = await this.#runner.query(
      'DELETE FROM scores WHERE log_unique_id IN (SELECT unique_id FROM logs WHERE customer_identifier = $1) RETURNING id',
      [customerIdentifier],
    );
    return deleted.length;
  }

  insertAutomation(row: AutomationRow): Promise<void> { return this.#insertDocument('automations', row); }
  listAutomations(): Promise<AutomationRow[]> { return this.#listDocuments('automations'); }
  getAutomation(id: string): Promise<AutomationRow | undefined> { return this.#getDocument('automations', id); }
  replaceAutomation(row: AutomationRow): Promise<void> { return this.#replaceDocument('automations', row); }
  async deleteAutomation(id: string): Promise<boolean> {
    return (await this.#runner.query('DELETE FROM automations WHERE id = $1 RETURNING id', [id])).length === 1;
  }

  async enqueueJobs(jobs: ReadonlyArray<{ log_unique_id: string; evaluator_id: string }>): Promise<number> {
    let added = 0;
    const now = new Date().toISOString();
    // Chunks keep the parameter count far below both drivers' limits.
    for (let start = 0; start < jobs.length; start += 200) {
      const chunk = jobs.slice(start, start + 200);
      const values: unknown[] = [];
      const tuples = chunk.map((job) => {
        values.push(randomUUID(), job.log_unique_id, job.evaluator_id, now);
        const base = values.length - 4;
        return `($${base + 1}, $${base + 2}, $${base + 3}, 'pending', 0, $${base + 4})`;
      });
      const inserted = await this.#runner.query(
        `INSERT INTO eval_jobs (id, log_unique_id, evaluator_id, status, attempts, created_at) VALUES ${tuples.join(', ')}
          ON CONFLICT (log_unique_id, evaluator_id) DO NOTHING RETURNING id`,
        values,
      );
      added += inserted.length;
    }
    return added;
  }

  async claimJobs(options: { limit: number; staleBefore: string; maxAttempts: number }): Promise<EvalJobRow[]> {
    // Postgres: SKIP LOCKED lets replicas claim side by side without waiting on or repeating each
    // other's rows. SQLite has one writer at a time, so the statement alone is atomic.
    const lock = this.#runner.kind === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.#runner.query(
      `UPDATE eval_jobs SET status = 'running', attempts = attempts + 1, claimed_at = $1
        WHERE id IN (
          SELECT id FROM eval_jobs
          WHERE (status = 'pending' OR (status = 'running' AND claimed_at < $2)) AND attempts < $3
          ORDER BY created_at LIMIT $4 ${lock}
        )
        RETURNING ${jobColumns}`,
      [new Date().toISOString(), options.staleBefore, options.maxAttempts, options.limit],
    );
    return rows.map(decodeJob);
  }

  async finishJob(id: string, outcome: { status: 'done' | 'failed' | 'pending'; error?: string }): Promise<void> {
    await this.#runner.query('UPDATE eval_jobs SET status = $2, last_error = $3, claimed_at = NULL WHERE id = $1', [id, outcome.status, outcome.error ?? null]);
  }

  async countJobs(status?: EvalJobRow['status']): Promise<number> {
    const rows = status === undefined
      ? await this.#runner.query('SELECT COUNT(*) AS count FROM eval_jobs')
      : await this.#runner.query('SELECT COUNT(*) AS count FROM eval_jobs WHERE status = $1', [status]);
    return Number(rows[0]?.count ?? 0);
  }

  insertDataset(row: DatasetRow): Promise<void> { return this.#insertDocument('datasets', row); }
  listDatasets(): Promise<DatasetRow[]> { return this.#listDocuments('datasets'); }
  getDataset(id: string): Promise<DatasetRow | undefined> { return this.#getDocument('datasets', id); }

  insertExperiment(row: ExperimentRow): Promise<void> { return this.#insertDocument('experiments', row); }
  getExperiment(id: string): Promise<ExperimentRow | undefined> { return this.#getDocument('experiments', id); }
  listExperiments(): Promise<ExperimentRow[]> { return this.#listDocuments('experiments'); }
  replaceExperiment(row: ExperimentRow): Promise<void> { return this.#replaceDocument('experiments', row); }

  // `table` is always one of the literal names above, never caller input.
  async #insertDocument(table: DocumentTable, row: { id: string; created_at: string }): Promise<void> {
    await this.#runner.query(`INSERT INTO ${table} (id, document, created_at) VALUES ($1, $2, $3)`, [row.id, JSON.stringify(row), row.created_at]);
  }

  async #listDocuments<T>(table: DocumentTable): Promise<T[]> {
    const rows = await this.#runner.query(`SELECT document FROM ${table} ORDER BY created_at, id`);
    return rows.map((row) => JSON.parse(String(row.document)) as T);
  }

  async #getDocument<T>(table: DocumentTable, id: string): Promise<T | undefined> {
    const rows = await this.#runner.query(`SELECT document FROM ${table} WHERE id = $1`, [id]);
    return rows.length === 0 ? undefined : (JSON.parse(String(rows[0].document)) as T);
  }

  async #replaceDocument(table: DocumentTable, row: { id: string }): Promise<void> {
    await this.#runner.query(`UPDATE ${table} SET document = $2 WHERE id = $1`, [row.id, JSON.stringify(row)]);
  }
}

function placeholders(count: number): string {
  return Array.from({ length: count }, (_unused, index) => `$${index + 1}`).join(', ');
}

/**
 * `numeric_score` is what score filters and summaries read: the numerical value, or 1/0 for a
 * boolean, so `scores__ID` compares one column whatever the evaluator's value type.
 */
function encodeScore(row: ScoreRow): unknown[] {
  const numericScore = row.numerical_value ?? (row.boolean_value === null ? null : row.boolean_value ? 1 : 0);
  return [
    row.id, row.log_unique_id, row.evaluator_id, row.evaluator_slug, row.score_value_type,
    row.numerical_value, row.string_value, row.boolean_value === null ? null : row.boolean_value ? 1 : 0,
    row.categorical_value === null ? null : JSON.stringify(row.categorical_value),
    numericScore, row.error, row.created_at, row.updated_at,
  ];
}

function decodeScore(row: Row): ScoreRow {
  return {
    id: String(row.id),
    log_unique_id: String(row.log_unique_id),
    evaluator_id: String(row.evaluator_id),
    evaluator_slug: String(row.evaluator_slug),
    score_value_type: String(row.score_value_type) as ScoreValueType,
    numerical_value: row.numerical_value == null ? null : Number(row.numerical_value),
    string_value: row.string_value == null ? null : String(row.string_value),
    boolean_value: row.boolean_value == null ? null : Number(row.boolean_value) === 1,
    categorical_value: row.categorical_value == null ? null : (JSON.parse(String(row.categorical_value)) as string[]),
    error: row.error == null ? null : String(row.error),
    created_at: String(row.created_at),
    updated_at: String(row.updated_at),
  };
}

function decodeJob(row: Row): EvalJobRow {
  return {
    id: String(row.id),
    log_unique_id: String(row.log_unique_id),
    evaluator_id: String(row.evaluator_id),
    status: String(row.status) as EvalJobRow['status'],
    attempts: Number(row.attempts),
    last_error: row.last_error == null ? null : String(row.last_error),
    created_at: String(row.created_at),
  };
}
