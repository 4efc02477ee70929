import { randomUUID } from 'node:crypto';
import { parseLogFilters } from '../logging/log-filters.ts';
import type { LogRecord } from '../logging/log-record.ts';
import type { AutomationRow, EvalJobRow, EvaluationRepository, LogFilter, LogRepository } from '../storage/database.ts';
import { isSampled, matchesLogFilters } from './match-log-filters.ts';
import { runEvaluator, type CallModel } from './run-evaluator.ts';
import { emptyScoreValue } from './score-value.ts';

export interface OnlineEvaluatorOptions {
  repository: EvaluationRepository;
  logs: Pick<LogRepository, 'get'>;
  callModel?: CallModel;
  /** Jobs run at once by this process (default 4). */
  concurrency?: number;
  /** How often the queue is polled when idle (default 1 s). */
  pollIntervalMilliseconds?: number;
  /** Automations are re-read at least this often, so a change on another replica lands (default 10 s). */
  automationsMaxAgeMilliseconds?: number;
  /** A job claimed this long ago whose process has not finished it is taken again (default 60 s). */
  staleAfterMilliseconds?: number;
  onError?: (error: unknown) => void;
}

interface CompiledAutomation {
  row: AutomationRow;
  filters: LogFilter[];
}

/**
 * Online evaluation (contract §13): matches written logs against the enabled automations and
 * queues (log, evaluator) jobs in the database; a background loop claims and runs them and writes
 * scores. The queue is a table, so jobs outlive a restart, and claims are exclusive, so replicas
 * share the work. Nothing here runs on a request's path: the lead calls `onLogsWritten` after the
 * log writer's batch commits.
 */
export class OnlineEvaluator {
  readonly #options: OnlineEvaluatorOptions;
  #automations: CompiledAutomation[] | undefined;
  #automationsLoadedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #draining: Promise<number> | undefined;

  constructor(options: OnlineEvaluatorOptions) {
    this.#options = options;
  }

  /** Forgets the cached automations (the automations API calls this after a change). */
  invalidateAutomations(): void {
    this.#automations = undefined;
  }

  /** Queues jobs for the records that match an enabled automation and fall in its sample; returns how many. */
  async onLogsWritten(records: readonly LogRecord[]): Promise<number> {
    const automations = await this.#loadAutomations();
    if (automations.length === 0 || records.length === 0) return 0;
    const jobs: Array<{ log_unique_id: string; evaluator_id: string }> = [];
    for (const record of records) {
      for (const automation of automations) {
        if (!matchesLogFilters(record, automation.filters)) continue;
        if (!isSampled({ logUniqueId: record.unique_id, salt: automation.row.id, rate: automation.row.configuration.sampling_rate })) continue;
        for (const evaluatorId of automation.row.evaluator_ids) jobs.push({ log_unique_id: record.unique_id, evaluator_id: evaluatorId });
      }
    }
    const added = jobs.length === 0 ? 0 : await this.#options.repository.enqueueJobs(jobs);
    // Only a started evaluator runs jobs; otherwise another process' loop will claim them.
    if (added > 0 && this.#timer !== undefined) this.#kick();
    return added;
  }

  start(): void {
    if (this.#timer !== undefined) return;
    // unref: an idle queue never keeps the process alive.
    this.#timer = setInterval(() => this.#kick(), this.#options.pollIntervalMilliseconds ?? 1_000);
    this.#timer.unref();
    this.#kick();
  }

  /** Stops polling and waits for the jobs in flight. */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#draining;
  }

  /** Runs queued jobs until none is left to claim; returns how many ran. Also what tests call. */
  drain(): Promise<number> {
    this.#draining ??= this.#drainOnce().finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  #kick(): void {
    if (this.#draining !== undefined) return;
    this.drain().catch((error: unknown) => this.#options.onError?.(error));
  }

  async #drainOnce(): Promise<number> {
    const concurrency = this.#options.concurrency ?? 4;
    let ran = 0;
    for (;;) {
      const jobs = await this.#options.repository.claimJobs({
        limit: concurrency,
        staleBefore: new Date(Date.now() - (this.#options.staleAfterMilliseconds ?? 60_000)).toISOString(),
        maxAttempts: 3,
      });
      if (jobs.length === 0) return ran;
      await Promise.all(jobs.map((job) => this.#runJob(job)));
      ran += jobs.length;
    }
  }

  async #runJob(job: EvalJobRow): Promise<void> {
    const { repository } = this.#options;
    try {
      const [evaluator, log] = await Promise.all([repository.getEvaluator(job.evaluator_id), this.#options.logs.get(job.log_unique_id)]);
      if (evaluator === undefined || log === undefined) {
        await repository.finishJob(job.id, { status: 'failed', error: evaluator === undefined ? 'Evaluator not found' : 'Log not found' });
        return;
      }
      const outcome = await runEvaluator({ evaluator, log, callModel: this.#options.callModel });
      const now = new Date().toISOString();
      // An evaluation that failed is still a score, with `error` and no value (contract §13).
      await repository.upsertScore({
        id: randomUUID(), log_unique_id: log.unique_id, evaluator_id: evaluator.id, evaluator_slug: evaluator.evaluator_slug,
        score_value_type: evaluator.score_value_type,
        ...(outcome.error === undefined ? outcome : emptyScoreValue),
        error: outcome.error ?? null, created_at: now, updated_at: now,
      });
      await repository.finishJob(job.id, { status: 'done' });
    } catch (error) {
      // A storage failure: the job goes back to the queue and is tried again (up to 3 attempts).
      this.#options.onError?.(error);
      await repository.finishJob(job.id, { status: 'pending', error: error instanceof Error ? error.message : String(error) }).catch(() => {});
    }
  }

  async #loadAutomations(): Promise<CompiledAutomation[]> {
    const maxAge = this.#options.automationsMaxAgeMilliseconds ?? 10_000;
    if (this.#automations !== undefined && Date.now() - this.#automationsLoadedAt < maxAge) return this.#automations;
    const rows = await this.#options.repository.listAutomations();
    const compiled: CompiledAutomation[] = [];
    for (const row of rows) {
      if (!row.is_enabled || row.automation_type !== 'online_eval') continue;
      try {
        compiled.push({ row, filters: parseLogFilters({ filters: row.condition }) });
      } catch (error) {
        this.#options.onError?.(error);
      }
    }
    this.#automations = compiled;
    this.#automationsLoadedAt = Date.now();
    return compiled;
  }
}

/**
 * Per-request evaluation (`eval_params`, contract §13): queues the request's log for the listed
 * evaluators (ids or slugs) when it falls in `sample_percentage` (0–100, default 100). Returns how
 * many jobs were added; unknown evaluators are skipped.
 */
export async function enqueueRequestEvaluations(options: {
  repository: EvaluationRepository;
  logUniqueId: string;
  evalParams: { evaluators?: unknown[]; sample_percentage?: number };
}): Promise<number> {
  const rate = (options.evalParams.sample_percentage ?? 100) / 100;
  if (!isSampled({ logUniqueId: options.logUniqueId, salt: 'eval_params', rate })) return 0;
  const jobs: Array<{ log_unique_id: string; evaluator_id: string }> = [];
  for (const reference of options.evalParams.evaluators ?? []) {
    const key = typeof reference === 'string' ? reference : typeof reference === 'object' && reference !== null
      ? String((reference as { evaluator_id?: unknown; evaluator_slug?: unknown }).evaluator_id ?? (reference as { evaluator_slug?: unknown }).evaluator_slug ?? '')
      : '';
    if (key === '') continue;
    const evaluator = await options.repository.getEvaluator(key);
    if (evaluator !== undefined) jobs.push({ log_unique_id: options.logUniqueId, evaluator_id: evaluator.id });
  }
  return jobs.length === 0 ? 0 : options.repository.enqueueJobs(jobs);
}
