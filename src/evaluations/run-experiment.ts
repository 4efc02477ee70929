import type { DatasetRow, EvaluationRepository, EvaluatorRow, ExperimentCell, ExperimentRow } from '../storage/database.ts';
import { runEvaluator, type CallModel, type ModelMessage } from './run-evaluator.ts';
import { scoreValueOf } from './score-value.ts';

/** Renders a prompt version for a dataset row (the lead wires it to prompt management). */
export type RenderPrompt = (request: { prompt_id: string; version: number; input: unknown }) => Promise<{ model: string; messages: ModelMessage[] }>;

interface ExperimentTask {
  rowIndex: number;
  column: string;
  prepare: () => Promise<{ model: string; messages: ModelMessage[] }>;
}

/**
 * Runs every dataset row once per model and per prompt version (a result column each) through
 * `callModel`, at most `concurrency` calls at once, scores each output with the evaluators, and
 * saves progress as it goes so `GET /experiments/{id}/` shows it. Prompt versions run only when
 * a `renderPrompt` is given; without one their cells hold an error saying so.
 */
export async function runExperiment(options: {
  repository: EvaluationRepository;
  experiment: ExperimentRow;
  dataset: DatasetRow;
  evaluators: EvaluatorRow[];
  callModel: CallModel;
  renderPrompt?: RenderPrompt;
  concurrency?: number;
}): Promise<ExperimentRow> {
  const { experiment, dataset, repository } = options;
  const tasks: ExperimentTask[] = [];
  dataset.rows.forEach((row, rowIndex) => {
    for (const model of experiment.models) {
      tasks.push({ rowIndex, column: model, prepare: async () => ({ model, messages: messagesOf(row.input) }) });
    }
    for (const version of experiment.prompt_versions) {
      tasks.push({
        rowIndex,
        column: `${version.prompt_id}@${version.version}`,
        prepare: async () => {
          if (options.renderPrompt === undefined) throw new Error('Prompt versions cannot be run: no prompt renderer is configured');
          return options.renderPrompt({ prompt_id: version.prompt_id, version: version.version, input: row.input });
        },
      });
    }
  });
  experiment.results = dataset.rows.map((row) => ({ input: row.input, outputs: {} }));
  experiment.progress = { done: 0, total: tasks.length };
  await repository.replaceExperiment(experiment);

  // Saves are chained so an older snapshot never lands after a newer one.
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    saving = saving.then(() => repository.replaceExperiment(experiment)).catch(() => {});
    return saving;
  };
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      experiment.results[task.rowIndex].outputs[task.column] = await runCell(task, options);
      experiment.progress.done += 1;
      void save();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, tasks.length)) }, worker));
  experiment.status = 'completed';
  await save();
  return experiment;
}

async function runCell(task: ExperimentTask, options: { callModel: CallModel; evaluators: EvaluatorRow[]; dataset: DatasetRow }): Promise<ExperimentCell> {
  try {
    const request = await task.prepare();
    const reply = await options.callModel({ model: request.model, messages: request.messages, purpose: 'experiment' });
    const scores: Record<string, unknown> = {};
    for (const evaluator of options.evaluators) {
      const outcome = await runEvaluator({
        evaluator,
        log: { prompt_messages: request.messages, completion_message: reply.message, metadata: null },
        callModel: options.callModel,
      });
      scores[evaluator.id] = outcome.error === undefined ? scoreValueOf(outcome) : { error: outcome.error };
    }
    return { output: reply.message, ...(reply.cost !== undefined && { cost: reply.cost }), scores };
  } catch (error) {
    return { output: null, error: error instanceof Error ? error.message : String(error), scores: {} };
  }
}

/** A row's input as chat messages: a message list as is, text as one user message. */
function messagesOf(input: unknown): ModelMessage[] {
  if (Array.isArray(input)) return input as ModelMessage[];
  if (typeof input === 'object' && input !== null && Array.isArray((input as { messages?: unknown }).messages)) {
    return (input as { messages: ModelMessage[] }).messages;
  }
  return [{ role: 'user', content: typeof input === 'string' ? input : JSON.stringify(input) }];
}
