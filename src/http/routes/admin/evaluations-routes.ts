import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../../../errors/gateway-error.ts';
import { parseWith, ValidationError } from '../../../errors/validation-error.ts';
import type { CallModel } from '../../../evaluations/run-evaluator.ts';
import type { RenderPrompt } from '../../../evaluations/run-experiment.ts';
import { presentScore, scoreValueFrom } from '../../../evaluations/score-value.ts';
import type { LogRecord } from '../../../logging/log-record.ts';
import type { EvaluationRepository, EvaluatorRow, LogRepository, ScoreRow } from '../../../storage/database.ts';
import { requireScope } from '../../plugins/authenticate.ts';
import { registerAutomationRoutes } from './evaluation-automations-routes.ts';
import { registerDatasetRoutes } from './datasets-routes.ts';

export interface EvaluationsRoutesOptions {
  database: { evaluations: EvaluationRepository; logs: Pick<LogRepository, 'get' | 'list'> };
  /** The gateway's own chat pipeline, for experiments (llm judges in the background use OnlineEvaluator's). */
  callModel: CallModel;
  /** Told when automations change, so matching uses the new ones at once on this replica. */
  onlineEvaluator?: { invalidateAutomations(): void };
  /** Renders prompt versions for experiments; without it, prompt-version columns hold an error. */
  renderPrompt?: RenderPrompt;
  /** Logs queued but not yet written, so a score can be added to a log fetched right after its response. */
  logWriter?: { pending(uniqueId: string): LogRecord | undefined };
}

const slugSchema = z.string().trim().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'Letters, digits, _ . - only (at most 100)');
const evaluatorFields = {
  name: z.string().trim().min(1).max(200),
  evaluator_slug: slugSchema.optional(),
  description: z.string().max(2000).optional(),
  type: z.enum(['llm', 'code', 'human']),
  score_value_type: z.enum(['numerical', 'boolean', 'string', 'categorical']),
  llm_config: z.object({ model: z.string().min(1), evaluator_definition: z.string().min(1), scoring_rubric: z.string().optional() }).optional(),
  code_config: z.object({ eval_code_snippet: z.string().min(1).max(20_000) }).optional(),
};
const createEvaluatorSchema = z.object(evaluatorFields).strict();
const updateEvaluatorSchema = z.object(evaluatorFields).partial().strict();

const scoreValueFields = {
  numerical_value: z.number().finite().nullable().optional(),
  string_value: z.string().nullable().optional(),
  boolean_value: z.boolean().nullable().optional(),
  categorical_value: z.array(z.string()).nullable().optional(),
};
const createScoreSchema = z.object({ evaluator_id: z.string().optional(), evaluator_slug: z.string().optional(), ...scoreValueFields }).strict();
const updateScoreSchema = z.object(scoreValueFields).strict();

/**
 * Scores, evaluators, automations, datasets and experiments (contract §13), under `/api` in a scope
 * that authenticated the caller with at least `read`; writes need `admin`.
 */
export function evaluationsRoutes(options: EvaluationsRoutesOptions) {
  const repository = options.database.evaluations;
  const admin = { preHandler: requireScope('admin') };
  return async function registerEvaluationRoutes(app: FastifyInstance): Promise<void> {
    app.get('/evaluators/', async () => {
      const results = await repository.listEvaluators();
      return { count: results.length, next: null, previous: null, results };
    });
    app.post('/evaluators/', admin, async (request, reply) => {
      const input = parseWith(createEvaluatorSchema, request.body);
      const row: EvaluatorRow = { ...input, id: randomUUID(), evaluator_slug: input.evaluator_slug ?? slugify(input.name), created_at: new Date().toISOString() };
      checkEvaluatorConfig(row);
      if ((await repository.insertEvaluator(row)) === 'slug_taken') throw slugTaken(row.evaluator_slug);
      return reply.code(201).send(row);
    });
    app.get<{ Params: { id: string } }>('/evaluators/:id/', async (request) => findEvaluator(repository, request.params.id));
    app.patch<{ Params: { id: string } }>('/evaluators/:id/', admin, async (request) => {
      const input = parseWith(updateEvaluatorSchema, request.body);
      const existing = await findEvaluator(repository, request.params.id);
      const row: EvaluatorRow = { ...existing, ...input, id: existing.id, evaluator_slug: input.evaluator_slug ?? existing.evaluator_slug };
      checkEvaluatorConfig(row);
      const outcome = await repository.replaceEvaluator(row);
      if (outcome === 'slug_taken') throw slugTaken(row.evaluator_slug);
      if (outcome === 'not_found') throw notFound();
      return row;
    });
    app.delete<{ Params: { id: string } }>('/evaluators/:id/', admin, async (request, reply) => {
      const existing = await findEvaluator(repository, request.params.id);
      await repository.deleteEvaluator(existing.id);
      return reply.code(204).send();
    });

    app.get<{ Params: { unique_id: string } }>('/logs/:unique_id/scores/', async (request) => {
      await findLog(options, request.params.unique_id);
      const results = (await repository.listScores(request.params.unique_id)).map(presentScore);
      return { count: results.length, results };
    });
    app.post<{ Params: { unique_id: string } }>('/logs/:unique_id/scores/', admin, async (request, reply) => {
      const input = parseWith(createScoreSchema, request.body);
      const log = await findLog(options, request.params.unique_id);
      const reference = input.evaluator_id ?? input.evaluator_slug;
      if (reference === undefined) throw new ValidationError({ evaluator_id: ['evaluator_id or evaluator_slug is required'] });
      const evaluator = await repository.getEvaluator(reference);
      if (evaluator === undefined) throw new ValidationError({ evaluator_id: [`No evaluator '${reference}'`] }, `No evaluator '${reference}'`);
      const now = new Date().toISOString();
      const score: ScoreRow = {
        id: randomUUID(), log_unique_id: log.unique_id, evaluator_id: evaluator.id, evaluator_slug: evaluator.evaluator_slug,
        score_value_type: evaluator.score_value_type, ...readScoreValue(evaluator.score_value_type, input), error: null, created_at: now, updated_at: now,
      };
      if ((await repository.insertScore(score)) === 'conflict') {
        throw new GatewayError({ status: 409, message: `Log ${log.unique_id} already has a score from evaluator ${evaluator.id}.`, code: 'conflict' });
      }
      return reply.code(201).send(presentScore(score));
    });
    app.get<{ Params: { unique_id: string; score_id: string } }>('/logs/:unique_id/scores/:score_id/', async (request) => {
      return presentScore(await findScore(repository, request.params));
    });
    app.patch<{ Params: { unique_id: string; score_id: string } }>('/logs/:unique_id/scores/:score_id/', admin, async (request) => {
      const input = parseWith(updateScoreSchema, request.body);
      const existing = await findScore(repository, request.params);
      const score: ScoreRow = { ...existing, ...readScoreValue(existing.score_value_type, input), error: null, updated_at: new Date().toISOString() };
      await repository.replaceScore(score);
      return presentScore(score);
    });
    app.delete<{ Params: { unique_id: string; score_id: string } }>('/logs/:unique_id/scores/:score_id/', admin, async (request, reply) => {
      if (!(await repository.deleteScore(request.params.unique_id, request.params.score_id))) throw notFound();
      return reply.code(204).send();
    });

    await registerAutomationRoutes(app, { repository, onlineEvaluator: options.onlineEvaluator, admin });
    await registerDatasetRoutes(app, { ...options, admin });
  };
}

function readScoreValue(valueType: EvaluatorRow['score_value_type'], input: z.infer<typeof updateScoreSchema>) {
  const field = `${valueType === 'numerical' ? 'numerical' : valueType}_value` as keyof typeof input;
  const value = scoreValueFrom(valueType, input[field]);
  if (value === undefined) throw new ValidationError({ [field]: [`A ${valueType} evaluator's score needs ${field}`] }, `${field} is required`);
  return value;
}

function checkEvaluatorConfig(row: EvaluatorRow): void {
  if (row.type === 'llm' && row.llm_config === undefined) throw new ValidationError({ llm_config: ['Required for llm evaluators'] });
  if (row.type === 'code' && row.code_config === undefined) throw new ValidationError({ code_config: ['Required for code evaluators'] });
}

function slugify(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  return `${slug === '' ? 'evaluator' : slug}_${randomUUID().slice(0, 8)}`;
}

async function findEvaluator(repository: EvaluationRepository, id: string): Promise<EvaluatorRow> {
  const row = await repository.getEvaluator(id);
  if (row === undefined) throw notFound();
  return row;
}

async function findLog(options: EvaluationsRoutesOptions, uniqueId: string): Promise<LogRecord> {
  const record = options.logWriter?.pending(uniqueId) ?? (await options.database.logs.get(uniqueId));
  if (record === undefined) throw notFound();
  return record;
}

async function findScore(repository: EvaluationRepository, params: { unique_id: string; score_id: string }): Promise<ScoreRow> {
  const score = await repository.getScore(params.unique_id, params.score_id);
  if (score === undefined) throw notFound();
  return score;
}

function slugTaken(slug: string): GatewayError {
  return new GatewayError({ status: 409, message: `An evaluator with slug '${slug}' exists.`, code: 'conflict' });
}

export function notFound(): GatewayError {
  return new GatewayError({ status: 404, message: 'Not found.', code: 'not_found' });
}
