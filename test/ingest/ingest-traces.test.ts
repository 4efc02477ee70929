import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { ModelCatalog } from '../../src/catalog/model-catalog.ts';
import { registerTraceRoutes } from '../../src/http/routes/admin/traces-routes.ts';
import { ingestRoutes } from '../../src/http/routes/ingest-routes.ts';
import type { LogRecord } from '../../src/logging/log-record.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import type { DatabaseWithTraces } from '../../src/storage/database-with-traces.ts';
import { managementTestApp } from '../logging/management-test-app.ts';
import { sampleLogRecord } from '../storage/sample-log-record.ts';

/** A catalog pricing one model at $1 / $2 per million tokens, as configured (custom) prices. */
const catalog = {
  get: (model: string) => (model === 'priced-model'
    ? { model_name: 'priced-model', provider_id: 'custom', input_cost: 1, output_cost: 2, context_window: null, mode: 'chat', price_source: 'config' }
    : undefined),
  entriesFor: () => [],
  list: () => [],
  aliasTarget: () => undefined,
} as unknown as ModelCatalog;

describe('POST /api/request-logs/ and GET /api/traces/{id}/', () => {
  let database: DatabaseWithTraces;
  let app: FastifyInstance;
  const pending: LogRecord[] = [];

  before(async () => {
    database = await openDatabase('sqlite::memory:');
    await database.migrate();
    app = await managementTestApp(async (api) => {
      await api.register(ingestRoutes({ logs: { enqueue: (record) => pending.push(record) }, catalog: () => catalog }));
      await registerTraceRoutes(api, { database });
    });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  const ingest = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/request-logs/', payload, headers: { 'x-test-scope': 'inference' } });
  const flush = async () => {
    await database.logs.insertMany(pending.splice(0));
  };

  it('ingests a three-level span tree that joins the gateway\'s own request', async () => {
    const trace = 'trace-agent-1';
    const workflow = await ingest({ log_type: 'workflow', trace_unique_id: trace, span_unique_id: 'workflow', span_name: 'answer question', latency: 3, timestamp: '2026-03-01T12:00:00.000Z' });
    assert.equal(workflow.statusCode, 201);
    assert.match(workflow.json().unique_id, /\S+/);
    await ingest({ log_type: 'task', trace_unique_id: trace, span_unique_id: 'plan', span_parent_id: 'workflow', span_name: 'plan', timestamp: '2026-03-01T12:00:00.100Z' });
    const generation = await ingest({
      log_type: 'generation', trace_unique_id: trace, span_unique_id: 'llm', span_parent_id: 'plan', span_name: 'draft',
      model: 'priced-model', usage: { prompt_tokens: 1_000_000, completion_tokens: 500_000 }, input: [{ role: 'user', content: 'q' }],
      output: { role: 'assistant', content: 'a' }, customer_identifier: 'customer-9', metadata: { step: 1 }, timestamp: 1772366400.2,
    });
    assert.equal(generation.statusCode, 201);
    await flush();
    // The gateway's own request, sent under the workflow span (trace_unique_id/span_parent_id gateway params).
    await database.logs.insertMany([sampleLogRecord({ unique_id: 'gateway-log', trace_unique_id: trace, span_parent_id: 'plan', timestamp: '2026-03-01T12:00:00.300Z' })]);

    const stored = await database.logs.get(generation.json().unique_id);
    assert.equal(stored?.cost, 2);
    assert.equal(stored?.total_tokens, 1_500_000);
    assert.equal(stored?.api_key, 'reader');
    assert.equal(stored?.customer_identifier, 'customer-9');
    assert.deepEqual(stored?.completion_message, { role: 'assistant', content: 'a' });
    assert.equal(stored?.timestamp, '2026-03-01T12:00:00.200Z');

    const response = await app.inject({ method: 'GET', url: `/api/traces/${trace}/` });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.trace_unique_id, trace);
    assert.equal(body.span_tree.length, 1);
    const [root] = body.span_tree;
    assert.deepEqual([root.span_unique_id, root.span_parent_id, root.span_name, root.span_type], ['workflow', null, 'answer question', 'application']);
    assert.equal(root.children.length, 1);
    const plan = root.children[0];
    assert.equal(plan.span_unique_id, 'plan');
    assert.deepEqual(plan.children.map((span: { span_unique_id: string }) => span.span_unique_id), ['llm', 'gateway-log']);
    const gateway = plan.children[1];
    assert.equal(gateway.span_type, 'gateway');
    assert.equal(gateway.children[0].span_unique_id, 'gateway-log.attempt-1');
  });

  it('takes top-level token counts and a given cost, and names invalid fields', async () => {
    const given = await ingest({ model: 'priced-model', prompt_tokens: 10, completion_tokens: 5, cost: 0.5, prompt_messages: [], completion_message: null });
    await flush();
    const stored = await database.logs.get(given.json().unique_id);
    assert.equal(stored?.cost, 0.5);
    assert.equal(stored?.total_tokens, 15);
    assert.equal(stored?.trace_unique_id, stored?.unique_id, 'a log without a trace starts its own');

    const invalid = await ingest({ log_type: 'bogus', latency: -1, usage: { prompt_tokens: 'many' } });
    assert.equal(invalid.statusCode, 400);
    const fields = Object.keys(invalid.json().errors);
    for (const field of ['log_type', 'latency', 'usage.prompt_tokens']) assert.ok(fields.includes(field), `${field} in ${fields.join(', ')}`);
  });

  it('does not loop on spans whose parents form a cycle', async () => {
    await ingest({ trace_unique_id: 'loop', span_unique_id: 'a', span_parent_id: 'b', timestamp: '2026-03-01T12:00:00.000Z' });
    await ingest({ trace_unique_id: 'loop', span_unique_id: 'b', span_parent_id: 'a', timestamp: '2026-03-01T12:00:01.000Z' });
    await flush();
    const body = (await app.inject({ method: 'GET', url: '/api/traces/loop/' })).json();
    assert.deepEqual(body.span_tree.map((span: { span_unique_id: string }) => span.span_unique_id), ['a', 'b']);
  });
});
