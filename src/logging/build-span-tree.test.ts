import assert from 'node:assert/strict';
import { it } from 'node:test';
import { buildSpanTree } from './build-span-tree.ts';
import type { LogRecord } from './log-record.ts';

const log = {
  unique_id: 'log-1', trace_unique_id: 'request-1', timestamp: '2026-03-01T12:00:00.000Z', latency: 1.5, log_type: 'chat',
  model: 'gpt-4o', provider_id: 'openai', deployment_name: null, status: 'success', status_code: 200, error_message: null,
  prompt_tokens: 3, completion_tokens: 4, total_tokens: 7, cost: 0.01,
  attempts: [
    { model: 'gpt-4o', provider_id: 'azure', deployment_name: 'east', status: 'error', status_code: 500, error_message: 'boom', latency: 0.25, start_time: '2026-03-01T12:00:00.100Z' },
    { model: 'gpt-4o', provider_id: 'openai', deployment_name: null, status: 'success', status_code: 200, error_message: null, latency: 1, start_time: '2026-03-01T12:00:00.400Z' },
  ],
} as unknown as LogRecord;

it('makes the log the root span and each attempt a child, in order', () => {
  const [root, ...others] = buildSpanTree([log]);
  assert.equal(others.length, 0);
  assert.equal(root.span_unique_id, 'log-1');
  assert.equal(root.span_parent_id, null);
  assert.equal(root.span_name, 'chat: gpt-4o');
  assert.equal(root.end_time, '2026-03-01T12:00:01.500Z');
  assert.deepEqual(root.children.map((span) => [span.span_unique_id, span.span_parent_id, span.span_name, span.end_time, span.status]), [
    ['log-1.attempt-1', 'log-1', 'attempt 1: azure/gpt-4o', '2026-03-01T12:00:00.350Z', 'error'],
    ['log-1.attempt-2', 'log-1', 'attempt 2: openai/gpt-4o', '2026-03-01T12:00:01.400Z', 'success'],
  ]);
  assert.equal(root.children[0].deployment_name, 'east');
});
