import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { API_KEY, fetchLog, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let mock: OpenAIMockUpstream;
let gateway: TestGateway;
let client: OpenAI;
const judgeAnswer = (() => {
  const completion = JSON.parse(readFileSync(new URL('../../src/dialects/openai-chat/fixtures/chat-completion.json', import.meta.url), 'utf8'));
  completion.choices[0].message.content = '{"score": 4}';
  return JSON.stringify(completion);
})();

before(async () => {
  mock = await startOpenAIMock();
  gateway = await startTestGateway(['providers:', `  openai: { api_key: sk-upstream, base_url: ${mock.url}/v1 }`].join('\n'));
  client = new OpenAI({ apiKey: API_KEY, baseURL: gateway.apiBase, maxRetries: 0 });
});

after(async () => {
  await gateway.stop();
  await mock.close();
});

async function json(response: Response) {
  return await response.json() as Record<string, any>;
}

test('human scores on a log: one per evaluator (409 on a second), filterable', async () => {
  const { response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  const logId = response.headers.get('x-respan-log-id')!;
  await fetchLog(gateway, logId);
  const evaluator = await json(await gateway.admin('/api/evaluators/', { body: { name: 'Helpful', evaluator_slug: 'helpful', type: 'human', score_value_type: 'boolean' } }));
  assert.equal((await gateway.admin(`/api/logs/${logId}/scores/`, { body: { evaluator_slug: 'helpful', boolean_value: true } })).status, 201);
  assert.equal((await gateway.admin(`/api/logs/${logId}/scores/`, { body: { evaluator_slug: 'helpful', boolean_value: false } })).status, 409);
  // Lists read what is written: the log's batch is flushed within moments.
  let listed: Record<string, any> = {};
  for (let attempt = 0; attempt < 100 && !(listed.count > 0); attempt++) {
    listed = await json(await gateway.admin('/api/request-logs/list/', { body: { filters: { [`scores__${evaluator.id}`]: { operator: '', value: [true] } } } }));
    if (!(listed.count > 0)) await new Promise((resolve) => setTimeout(resolve, 30));
  }
  assert.deepEqual(listed.results.map((log: { unique_id: string }) => log.unique_id), [logId]);
});

test('online evaluation: an llm judge scores new logs through the gateway itself, logged as a child span', async () => {
  const judge = await json(await gateway.admin('/api/evaluators/', {
    body: { name: 'Quality', type: 'llm', score_value_type: 'numerical', llm_config: { model: 'gpt-4o-mini', evaluator_definition: 'Rate this answer: {{output}}' } },
  }));
  const automation = await gateway.admin('/api/automations/', {
    body: { name: 'score everything', automation_type: 'online_eval', condition: { model: { operator: '', value: ['gpt-4o-mini'] } }, evaluator_ids: [judge.id], configuration: { sampling_rate: 1 } },
  });
  assert.equal(automation.status, 201);
  mock.script({ kind: 'ok' }, { kind: 'status', status: 200, body: judgeAnswer });
  const { response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'score me' }] }).withResponse();
  const logId = response.headers.get('x-respan-log-id')!;
  let score: Record<string, unknown> | undefined;
  for (let attempt = 0; attempt < 150 && score === undefined; attempt++) {
    const scores = await json(await gateway.admin(`/api/logs/${logId}/scores/`));
    score = scores.results.find((candidate: { evaluator_id: string }) => candidate.evaluator_id === judge.id);
    if (score === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(score?.numerical_value, 4, 'the judge score landed');
  const log = await fetchLog(gateway, logId);
  const trace = await json(await gateway.admin(`/api/traces/${log.trace_unique_id}/`));
  const spans = JSON.stringify(trace.span_tree);
  assert.match(spans, /evaluation: gpt-4o-mini/, 'the judge call is a span of the scored request');
});
