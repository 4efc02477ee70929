import { randomUUID } from 'node:crypto';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { z } from 'zod';
import { parseWith, ValidationError } from '../../../errors/validation-error.ts';
import { runExperiment } from '../../../evaluations/run-experiment.ts';
import { parseLogFilters, toIsoTimestamp } from '../../../logging/log-filters.ts';
import type { DatasetRow, EvaluatorRow, ExperimentRow } from '../../../storage/database.ts';
import type { EvaluationsRoutesOptions } from './evaluations-routes.ts';
import { notFound } from './evaluations-routes.ts';

/** A dataset copies at most this many logs: the rows live in one document. */
const maximumDatasetRows = 10_000;

const createDatasetSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  filters: z.record(z.string(), z.unknown()).optional(),
  start_time: z.string().optional(),
  end_time: z.string().optional(),
  rows: z.array(z.object({ input: z.unknown(), output: z.unknown().optional() }).passthrough()).max(maximumDatasetRows).optional(),
}).strict();

const createExperimentSchema = z.object({
  name: z.string().trim().min(1).max(200),
  dataset_id: z.string().min(1),
  models: z.array(z.string().min(1)).default([]),
  prompt_versions: z.array(z.object({ prompt_id: z.string().min(1), version: z.number().int() })).default([]),
  evaluator_ids: z.array(z.string().min(1)).default([]),
}).strict();

/** /api/datasets/ and /api/experiments/ (contract §13). */
export async function registerDatasetRoutes(app: FastifyInstance, options: EvaluationsRoutesOptions & { admin: { preHandler: preHandlerHookHandler } }): Promise<void> {
  const repository = options.database.evaluations;
  const { admin } = options;

  app.get('/datasets/', async () => {
    const datasets = await repository.listDatasets();
    const results = datasets.map((dataset) => ({ id: dataset.id, name: dataset.name, log_count: dataset.rows.length, created_at: dataset.created_at }));
    return { count: results.length, next: null, previous: null, results };
  });
  app.post('/datasets/', admin, async (request, reply) => {
    const input = parseWith(createDatasetSchema, request.body);
    if ((input.rows === undefined) === (input.filters === undefined)) {
      throw new ValidationError({ filters: ['Give either filters (to copy logs) or rows (to upload)'] });
    }
    const rows = input.rows?.map((row) => ({ input: row.input, output: row.output ?? null })) ?? (await copyLogs(options, input));
    const dataset: DatasetRow = { id: randomUUID(), name: input.name, rows, created_at: new Date().toISOString() };
    await repository.insertDataset(dataset);
    return reply.code(201).send({ id: dataset.id, name: dataset.name, log_count: rows.length });
  });
  app.get<{ Params: { id: string } }>('/datasets/:id/', async (request) => {
    const dataset = await repository.getDataset(request.params.id);
    if (dataset === undefined) throw notFound();
    return { ...dataset, log_count: dataset.rows.length };
  });

  app.get('/experiments/', async () => {
    const results = (await repository.listExperiments()).map(({ results: _results, ...summary }) => summary);
    return { count: results.length, next: null, previous: null, results };
  });
  app.post('/experiments/', admin, async (request, reply) => {
    const input = parseWith(createExperimentSchema, request.body);
    if (input.models.length === 0 && input.prompt_versions.length === 0) throw new ValidationError({ models: ['Give models or prompt_versions'] });
    const dataset = await repository.getDataset(input.dataset_id);
    if (dataset === undefined) throw new ValidationError({ dataset_id: [`No dataset '${input.dataset_id}'`] }, `No dataset '${input.dataset_id}'`);
    const evaluators: EvaluatorRow[] = [];
    for (const reference of input.evaluator_ids) {
      const evaluator = await repository.getEvaluator(reference);
      if (evaluator === undefined) throw new ValidationError({ evaluator_ids: [`No evaluator '${reference}'`] }, `No evaluator '${reference}'`);
      evaluators.push(evaluator);
    }
    const experiment: ExperimentRow = {
      id: randomUUID(), name: input.name, dataset_id: dataset.id, models: input.models, prompt_versions: input.prompt_versions,
      evaluator_ids: evaluators.map((evaluator) => evaluator.id), status: 'running',
      progress: { done: 0, total: 0 }, results: [], created_at: new Date().toISOString(),
    };
    await repository.insertExperiment(experiment);
    // Runs in the background: the caller polls GET /experiments/{id}/ for progress.
    runExperiment({ repository, experiment, dataset, evaluators, callModel: options.callModel, renderPrompt: options.renderPrompt })
      .catch(async (error: unknown) => {
        request.log.error({ err: error }, 'experiment failed');
        await repository.replaceExperiment({ ...experiment, status: 'failed' }).catch(() => {});
      });
    return reply.code(201).send({ id: experiment.id, status: experiment.status });
  });
  app.get<{ Params: { id: string } }>('/experiments/:id/', async (request) => {
    const experiment = await repository.getExperiment(request.params.id);
    if (experiment === undefined) throw notFound();
    return experiment;
  });
}

/** Copies matching logs, newest first, as `{input: prompt_messages, output: completion_message}`. */
async function copyLogs(options: EvaluationsRoutesOptions, input: { filters?: Record<string, unknown>; start_time?: string; end_time?: string }) {
  const filters = parseLogFilters({ filters: input.filters });
  const startTime = readTime(input.start_time, 'start_time');
  const endTime = readTime(input.end_time, 'end_time');
  const rows: Array<{ input: unknown; output: unknown }> = [];
  for (let page = 1; rows.length < maximumDatasetRows; page++) {
    const { results } = await options.database.logs.list({ filters, sortBy: '-timestamp', page, pageSize: 1000, startTime, endTime });
    for (const log of results) rows.push({ input: log.prompt_messages ?? null, output: log.completion_message ?? null });
    if (results.length < 1000) break;
  }
  return rows.slice(0, maximumDatasetRows);
}

function readTime(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const time = toIsoTimestamp(value);
  if (time === undefined) throw new ValidationError({ [name]: ['Expected an ISO 8601 timestamp'] });
  return time;
}
