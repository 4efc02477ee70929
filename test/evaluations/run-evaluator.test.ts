import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runEvaluator, type CallModel } from '../../src/evaluations/run-evaluator.ts';
import type { EvaluatorRow } from '../../src/storage/database.ts';
import { sampleLogRecord } from '../storage/sample-log-record.ts';

function evaluator(patch: Partial<EvaluatorRow>): EvaluatorRow {
  return { id: 'evaluator-1', name: 'Test', evaluator_slug: 'test', type: 'code', score_value_type: 'numerical', created_at: '2026-03-01T00:00:00.000Z', ...patch };
}

test('an llm evaluator sends the definition with the log filled in and reads {"score": 4}', async () => {
  const calls: Array<Parameters<CallModel>[0]> = [];
  const callModel: CallModel = async (request) => {
    calls.push(request);
    return { message: { role: 'assistant', content: '```json\n{"score": 4}\n```' }, cost: 0.0001 };
  };
  const log = sampleLogRecord({ metadata: { team: 'a' } });
  const outcome = await runEvaluator({
    evaluator: evaluator({ type: 'llm', llm_config: { model: 'judge-model', evaluator_definition: 'Rate {{output}} for {{input}} ({{metadata}})' } }),
    log,
    callModel,
  });
  assert.equal(outcome.error, undefined);
  assert.equal(outcome.error === undefined && outcome.numerical_value, 4);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].model, 'judge-model');
  assert.equal(calls[0].parentLogId, log.unique_id);
  const prompt = String(calls[0].messages[0].content);
  assert.match(prompt, /Rate \{"role":"assistant","content":"Hi there"\} for \[\{"role":"user","content":"Hello"\}\] \(\{"team":"a"\}\)/);
});

test('a judge reply without a score becomes an error outcome', async () => {
  const outcome = await runEvaluator({
    evaluator: evaluator({ type: 'llm', llm_config: { model: 'judge', evaluator_definition: 'x' } }),
    log: sampleLogRecord(),
    callModel: async () => ({ message: { role: 'assistant', content: 'I think it is fine' } }),
  });
  assert.ok(outcome.error !== undefined);
});

test('a code evaluator scores `output.content.length > 3` as a boolean', async () => {
  const code = evaluator({ score_value_type: 'boolean', code_config: { eval_code_snippet: 'output.content.length > 3' } });
  const long = await runEvaluator({ evaluator: code, log: sampleLogRecord({ completion_message: { role: 'assistant', content: 'Hello' } }) });
  const short = await runEvaluator({ evaluator: code, log: sampleLogRecord({ completion_message: { role: 'assistant', content: 'Hi' } }) });
  assert.deepEqual([long.error === undefined && long.boolean_value, short.error === undefined && short.boolean_value], [true, false]);
});

test('code evaluators cannot reach the host', async () => {
  for (const snippet of ['process.exit(1)', 'require("node:fs")', 'output.constructor.constructor("return process")()', 'globalThis.process.env']) {
    const outcome = await runEvaluator({ evaluator: evaluator({ score_value_type: 'string', code_config: { eval_code_snippet: snippet } }), log: sampleLogRecord() });
    assert.ok(outcome.error !== undefined, `${snippet} should fail`);
  }
});

test('a code evaluator that loops forever is stopped by its limit and recorded with an error', async () => {
  const outcome = await runEvaluator({
    evaluator: evaluator({ code_config: { eval_code_snippet: '(() => { while (true) {} })()' } }),
    log: sampleLogRecord(),
  });
  assert.match(outcome.error ?? '', /exceeded/);
});
