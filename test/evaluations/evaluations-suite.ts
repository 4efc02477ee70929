import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OnlineEvaluator } from '../../src/evaluations/online-evaluator.ts';
import type { CallModel } from '../../src/evaluations/run-evaluator.ts';
import { evaluationsRoutes } from '../../src/http/routes/admin/evaluations-routes.ts';
import { parseLogFilters } from '../../src/logging/log-filters.ts';
import type { DatabaseWithTraces } from '../../src/storage/database-with-traces.ts';
import { managementTestApp } from '../logging/management-test-app.ts';
import { sampleLogRecord } from '../storage/sample-log-record.ts';

/** A judge that always answers 4; experiments see the model's name in the reply. */
const fakeCallModel: CallModel = async (request) => {
  if (request.purpose === 'evaluation') return { message: { role: 'assistant', content: '{"score": 4}' }, cost: 0.0001 };
  return { message: { role: 'assistant', content: `answer from ${request.model}` }, cost: 0.002 };
};

async function appFor(database: DatabaseWithTraces) {
  return managementTestApp(evaluationsRoutes({ database, callModel: fakeCallModel }));
}

/**
 * Runs against a fresh database from `open`; `reopen` (when given) opens the same database again,
 * as a restarted process would.
 */
export function evaluationsSuite(open: () => Promise<{ database: DatabaseWithTraces; reopen: () => Promise<DatabaseWithTraces> }>): void {
  test('scores: create, 409 on a second, list, filter and summary by scores__ID', async () => {
    const { database } = await open();
    const app = await appFor(database);
    try {
      const logs = [sampleLogRecord(), sampleLogRecord(), sampleLogRecord()];
      await database.logs.insertMany(logs);
      const quality = (await app.inject({ method: 'POST', url: '/api/evaluators/', payload: { name: 'Quality', type: 'human', score_value_type: 'numerical' } })).json();
      const correct = (await app.inject({ method: 'POST', url: '/api/evaluators/', payload: { name: 'Correct', evaluator_slug: 'correct', type: 'human', score_value_type: 'boolean' } })).json();
      const first = await app.inject({ method: 'POST', url: `/api/logs/${logs[0].unique_id}/scores/`, payload: { evaluator_id: quality.id, numerical_value: 5 } });
      assert.equal(first.statusCode, 201);
      const again = await app.inject({ method: 'POST', url: `/api/logs/${logs[0].unique_id}/scores/`, payload: { evaluator_id: quality.id, numerical_value: 2 } });
      assert.equal(again.statusCode, 409);
      await app.inject({ method: 'POST', url: `/api/logs/${logs[1].unique_id}/scores/`, payload: { evaluator_id: quality.id, numerical_value: 2 } });
      await app.inject({ method: 'POST', url: `/api/logs/${logs[0].unique_id}/scores/`, payload: { evaluator_slug: 'correct', boolean_value: true } });
      await app.inject({ method: 'POST', url: `/api/logs/${logs[1].unique_id}/scores/`, payload: { evaluator_slug: 'correct', boolean_value: false } });
      await app.inject({ method: 'POST', url: `/api/logs/${logs[2].unique_id}/scores/`, payload: { evaluator_slug: 'correct', boolean_value: true } });

      const listed = (await app.inject({ method: 'GET', url: `/api/logs/${logs[0].unique_id}/scores/` })).json();
      assert.equal(listed.results.length, 2);
      assert.deepEqual(listed.results.map((score: { numerical_value?: number; boolean_value?: boolean }) => score.numerical_value ?? score.boolean_value).sort(), [5, true]);

      const scoreId = first.json().id;
      const patched = await app.inject({ method: 'PATCH', url: `/api/logs/${logs[0].unique_id}/scores/${scoreId}/`, payload: { numerical_value: 4 } });
      assert.equal(patched.json().numerical_value, 4);

      const high = await database.logs.list({ filters: parseLogFilters({ filters: { [`scores__${quality.id}`]: { operator: 'gte', value: [3] } } }), sortBy: '-timestamp', page: 1, pageSize: 50 });
      assert.deepEqual(high.results.map((log) => log.unique_id), [logs[0].unique_id]);
      const trueOnes = await database.logs.list({ filters: parseLogFilters({ filters: { [`scores__${correct.id}`]: { value: true } } }), sortBy: '-timestamp', page: 1, pageSize: 50 });
      assert.equal(trueOnes.count, 2);
      const sorted = await database.logs.list({ filters: [], sortBy: `-scores__${quality.id}`, page: 1, pageSize: 50 });
      assert.deepEqual(sorted.results.map((log) => log.unique_id), [logs[0].unique_id, logs[1].unique_id, logs[2].unique_id]);

      const summary = await database.logs.summarize({ filters: [] });
      assert.deepEqual(summary.scores, { [quality.id]: { avg_score: 3 }, [correct.id]: { true_count: 2, false_count: 1 } });

      assert.equal((await app.inject({ method: 'DELETE', url: `/api/logs/${logs[0].unique_id}/scores/${scoreId}/` })).statusCode, 204);
      assert.equal((await app.inject({ method: 'GET', url: `/api/logs/${logs[0].unique_id}/scores/${scoreId}/` })).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: '/api/logs/missing/scores/' })).statusCode, 404);
    } finally {
      await app.close();
      await database.close();
    }
  });

  test('online evaluation at 50 % over 200 logs, and a restart completes the pending jobs', async () => {
    const { database, reopen } = await open();
    const app = await appFor(database);
    let reopened: DatabaseWithTraces | undefined;
    try {
      const judge = (await app.inject({
        method: 'POST', url: '/api/evaluators/',
        payload: { name: 'Judge', type: 'llm', score_value_type: 'numerical', llm_config: { model: 'judge-model', evaluator_definition: 'Rate {{output}}' } },
      })).json();
      const automation = await app.inject({
        method: 'POST', url: '/api/automations/',
        payload: { automation_type: 'online_eval', condition: { model: { operator: '', value: ['gpt-4o'] } }, evaluator_ids: [judge.id], configuration: { sampling_rate: 0.5 } },
      });
      assert.equal(automation.statusCode, 201);
      const logs = Array.from({ length: 200 }, () => sampleLogRecord());
      const otherModel = Array.from({ length: 20 }, () => sampleLogRecord({ model: 'claude' }));
      await database.logs.insertMany([...logs, ...otherModel]);

      // This process "dies" before its loop runs: the jobs are only in the table.
      const first = new OnlineEvaluator({ repository: database.evaluations, logs: database.logs, callModel: fakeCallModel });
      const queued = await first.onLogsWritten([...logs, ...otherModel]);
      assert.ok(queued >= 70 && queued <= 130, `queued ${queued}`);
      assert.equal(await first.onLogsWritten(logs), 0, 'a repeated batch queues nothing new');
      await database.close();

      reopened = await reopen();
      const second = new OnlineEvaluator({ repository: reopened.evaluations, logs: reopened.logs, callModel: fakeCallModel, concurrency: 8 });
      assert.equal(await reopened.evaluations.countJobs('pending'), queued);
      second.start();
      await second.drain();
      await second.stop();
      assert.equal(await reopened.evaluations.countJobs('done'), queued);
      const summary = await reopened.logs.summarize({ filters: [] });
      assert.deepEqual(summary.scores, { [judge.id]: { avg_score: 4 } });
    } finally {
      await app.close();
      await database.close().catch(() => {});
      await reopened?.close();
    }
  });

  test('an experiment over a 20-row dataset with two models', async () => {
    const { database } = await open();
    const app = await appFor(database);
    try {
      const judge = (await app.inject({
        method: 'POST', url: '/api/evaluators/',
        payload: { name: 'Judge', type: 'llm', score_value_type: 'numerical', llm_config: { model: 'judge-model', evaluator_definition: 'Rate {{output}}' } },
      })).json();
      const rows = Array.from({ length: 20 }, (_unused, index) => ({ input: [{ role: 'user', content: `question ${index}` }], output: null }));
      const dataset = (await app.inject({ method: 'POST', url: '/api/datasets/', payload: { name: 'Questions', rows } })).json();
      assert.equal(dataset.log_count, 20);
      const created = await app.inject({ method: 'POST', url: '/api/experiments/', payload: { name: 'A vs B', dataset_id: dataset.id, models: ['model-a', 'model-b'], evaluator_ids: [judge.id] } });
      assert.equal(created.statusCode, 201);
      let experiment = (await app.inject({ method: 'GET', url: `/api/experiments/${created.json().id}/` })).json();
      while (experiment.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 20));
        experiment = (await app.inject({ method: 'GET', url: `/api/experiments/${created.json().id}/` })).json();
      }
      assert.equal(experiment.status, 'completed');
      assert.deepEqual(experiment.progress, { done: 40, total: 40 });
      assert.equal(experiment.results.length, 20);
      const cell = experiment.results[3].outputs['model-b'];
      assert.deepEqual(cell, { output: { role: 'assistant', content: 'answer from model-b' }, cost: 0.002, scores: { [judge.id]: 4 } });

      // A dataset copied from logs by filter.
      await database.logs.insertMany([sampleLogRecord({ customer_identifier: 'dataset-user' }), sampleLogRecord({ customer_identifier: 'dataset-user' }), sampleLogRecord()]);
      const copied = (await app.inject({ method: 'POST', url: '/api/datasets/', payload: { name: 'From logs', filters: { customer_identifier: { value: 'dataset-user' } } } })).json();
      assert.equal(copied.log_count, 2);
      const fetched = (await app.inject({ method: 'GET', url: `/api/datasets/${copied.id}/` })).json();
      assert.deepEqual(fetched.rows[0], { input: [{ role: 'user', content: 'Hello' }], output: { role: 'assistant', content: 'Hi there' } });
    } finally {
      await app.close();
      await database.close();
    }
  });
}
