import type { LogRecord } from '../../src/logging/log-record.ts';

let counter = 0;

/** A complete log record with every field set; `patch` overrides any of them. */
export function sampleLogRecord(patch: Partial<LogRecord> = {}): LogRecord {
  counter += 1;
  const uniqueId = patch.unique_id ?? `log-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    unique_id: uniqueId,
    timestamp: '2026-03-01T12:00:00.000Z',
    trace_unique_id: `trace-${uniqueId}`,
    api_key: 'team-a-prod',
    model: 'gpt-4o',
    provider_id: 'openai',
    deployment_name: null,
    status: 'success',
    status_code: 200,
    error_message: null,
    stream: false,
    cache_hit: false,
    latency: 1.25,
    time_to_first_token: null,
    prompt_tokens: 10,
    completion_tokens: 5,
    total_tokens: 15,
    cached_tokens: 0,
    cache_creation_tokens: 0,
    reasoning_tokens: 0,
    cost: 0.001,
    cost_estimated: false,
    customer_identifier: null,
    customer_name: null,
    customer_email: null,
    thread_identifier: null,
    custom_identifier: null,
    metadata: null,
    fallback: 1,
    log_type: 'chat',
    prompt_messages: [{ role: 'user', content: 'Hello' }],
    completion_message: { role: 'assistant', content: 'Hi there' },
    attempts: [{
      model: 'gpt-4o', provider_id: 'openai', deployment_name: null, status: 'success', status_code: 200,
      error_message: null, latency: 1.2, start_time: '2026-03-01T12:00:00.010Z',
    }],
    ...patch,
  };
}
