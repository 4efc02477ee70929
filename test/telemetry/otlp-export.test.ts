import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { LogRecord } from '../../src/logging/log-record.ts';
import { createOtlpTraceExporter, OtlpTraceExporter, type OtlpSpan } from '../../src/telemetry/otlp-trace-exporter.ts';

/** What a local OTLP receiver got: one entry per POST. */
interface ReceivedExport {
  url: string;
  headers: IncomingMessage['headers'];
  body: { resourceSpans: { resource: { attributes: { key: string; value: Record<string, unknown> }[] }; scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[] }[] };
}

let receiver: Server;
let baseUrl: string;
const received: ReceivedExport[] = [];

before(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ url: request.url ?? '', headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

function logRecord(overrides: Partial<LogRecord> = {}): LogRecord {
  return {
    unique_id: 'log-1', timestamp: '2025-01-01T00:00:00.000Z', trace_unique_id: 'request-1', api_key: 'default',
    model: 'gpt-4o-mini', provider_id: 'openai', deployment_name: null, status: 'success', status_code: 200, error_message: null,
    stream: false, cache_hit: false, latency: 1.5, time_to_first_token: null,
    prompt_tokens: 12, completion_tokens: 34, total_tokens: 46, cached_tokens: 0, cache_creation_tokens: 0, reasoning_tokens: 0,
    cost: 0.00123, cost_estimated: false, customer_identifier: null, customer_name: null, customer_email: null,
    thread_identifier: null, custom_identifier: null, metadata: null, fallback: 2, log_type: 'chat',
    attempts: [
      { model: 'claude-3-5-haiku', provider_id: 'anthropic', deployment_name: null, status: 'error', status_code: 503, error_message: 'overloaded', latency: 0.25, start_time: '2025-01-01T00:00:00.100Z' },
      { model: 'gpt-4o-mini', provider_id: 'openai', deployment_name: null, status: 'success', status_code: 200, error_message: null, latency: 1, start_time: '2025-01-01T00:00:00.400Z' },
    ],
    ...overrides,
  };
}

function attributesOf(span: OtlpSpan): Record<string, unknown> {
  return Object.fromEntries(span.attributes.map((attribute) => [attribute.key, Object.values(attribute.value)[0]]));
}

/** Takes the receiver's exports for one test so tests do not see each other's. */
function takeReceived(): ReceivedExport[] {
  return received.splice(0, received.length);
}

test('a request with two attempts becomes one server span and two child spans with GenAI attributes', async () => {
  takeReceived();
  const exporter = new OtlpTraceExporter({ tracesUrl: `${baseUrl}/v1/traces`, headers: { authorization: 'Bearer otel' }, serviceName: 'switchboard-test' });
  exporter.record(logRecord());
  await exporter.shutdown();
  const [sent] = takeReceived();
  assert.ok(sent !== undefined);
  assert.equal(sent.url, '/v1/traces');
  assert.equal(sent.headers['content-type'], 'application/json');
  assert.equal(sent.headers.authorization, 'Bearer otel');
  const resource = sent.body.resourceSpans[0]!;
  assert.deepEqual(resource.resource.attributes, [{ key: 'service.name', value: { stringValue: 'switchboard-test' } }]);
  const spans = resource.scopeSpans[0]!.spans;
  assert.equal(spans.length, 3);
  const [request, failed, served] = spans as [OtlpSpan, OtlpSpan, OtlpSpan];

  assert.match(request.traceId, /^[0-9a-f]{32}$/);
  assert.match(request.spanId, /^[0-9a-f]{16}$/);
  assert.equal(request.parentSpanId, undefined);
  assert.equal(request.name, 'chat gpt-4o-mini');
  assert.equal(request.kind, 2);
  assert.equal(request.startTimeUnixNano, '1735689600000000000');
  assert.equal(request.endTimeUnixNano, '1735689601500000000');
  assert.deepEqual(request.status, { code: 0 });
  const requestAttributes = attributesOf(request);
  assert.equal(requestAttributes['gen_ai.system'], 'openai');
  assert.equal(requestAttributes['gen_ai.operation.name'], 'chat');
  assert.equal(requestAttributes['gen_ai.request.model'], 'gpt-4o-mini');
  assert.equal(requestAttributes['gen_ai.response.model'], 'gpt-4o-mini');
  assert.equal(requestAttributes['gen_ai.usage.input_tokens'], '12');
  assert.equal(requestAttributes['gen_ai.usage.output_tokens'], '34');
  assert.equal(requestAttributes['http.response.status_code'], '200');
  assert.equal(requestAttributes['switchboard.log_id'], 'log-1');
  assert.equal(requestAttributes['switchboard.cost_usd'], 0.00123);

  for (const child of [failed, served]) {
    assert.equal(child.traceId, request.traceId);
    assert.equal(child.parentSpanId, request.spanId);
    assert.equal(child.kind, 3);
  }
  assert.equal(failed.name, 'anthropic claude-3-5-haiku');
  assert.deepEqual(failed.status, { code: 2, message: 'overloaded' });
  assert.equal(attributesOf(failed)['gen_ai.system'], 'anthropic');
  assert.equal(attributesOf(failed)['http.response.status_code'], '503');
  assert.equal(failed.startTimeUnixNano, '1735689600100000000');
  assert.equal(failed.endTimeUnixNano, '1735689600350000000');
  assert.equal(served.name, 'openai gpt-4o-mini');
  assert.equal(attributesOf(served)['gen_ai.request.model'], 'gpt-4o-mini');
});

test('a valid traceparent is continued; an invalid one starts a new trace', async () => {
  takeReceived();
  const exporter = new OtlpTraceExporter({ tracesUrl: `${baseUrl}/v1/traces` });
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  exporter.record(logRecord({ attempts: [] }), `00-${traceId}-00f067aa0ba902b7-01`);
  exporter.record(logRecord({ attempts: [] }), `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`);
  exporter.record(logRecord({ attempts: [] }), 'garbage');
  await exporter.shutdown();
  const spans = takeReceived()[0]!.body.resourceSpans[0]!.scopeSpans[0]!.spans;
  assert.equal(spans.length, 3);
  assert.equal(spans[0]!.traceId, traceId);
  assert.equal(spans[0]!.parentSpanId, '00f067aa0ba902b7');
  for (const fresh of spans.slice(1)) {
    assert.notEqual(fresh.traceId, traceId);
    assert.match(fresh.traceId, /^[0-9a-f]{32}$/);
    assert.equal(fresh.parentSpanId, undefined);
  }
});

test('spans are batched into one POST per flush, bounded, and the rest is sent on shutdown', async () => {
  takeReceived();
  const exporter = new OtlpTraceExporter({ tracesUrl: `${baseUrl}/v1/traces`, flushIntervalMs: 60_000, maxQueuedSpans: 5 });
  exporter.record(logRecord()); // 3 spans
  exporter.record(logRecord()); // 3 more: only 2 fit
  assert.equal(received.length, 0, 'nothing is sent before a flush');
  await exporter.flush();
  assert.equal(takeReceived()[0]!.body.resourceSpans[0]!.scopeSpans[0]!.spans.length, 5);
  exporter.record(logRecord({ attempts: [] }));
  await exporter.shutdown();
  const afterShutdown = takeReceived();
  assert.equal(afterShutdown.length, 1);
  assert.equal(afterShutdown[0]!.body.resourceSpans[0]!.scopeSpans[0]!.spans.length, 1);
  exporter.record(logRecord());
  await exporter.flush();
  assert.equal(received.length, 0, 'records after shutdown are ignored');
  assert.deepEqual(exporter.stats, { exportedSpans: 6, droppedSpans: 1, failedExports: 0 });
});

test('the timer flushes on its own', async () => {
  takeReceived();
  const exporter = new OtlpTraceExporter({ tracesUrl: `${baseUrl}/v1/traces`, flushIntervalMs: 50 });
  exporter.record(logRecord({ attempts: [] }));
  const deadline = Date.now() + 2000;
  while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(takeReceived().length, 1);
  await exporter.shutdown();
});

test('a receiver that is down never throws: the spans are counted as dropped', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const exporter = new OtlpTraceExporter({ tracesUrl: `http://127.0.0.1:${port}/v1/traces` });
  assert.doesNotThrow(() => exporter.record(logRecord()));
  await exporter.shutdown();
  assert.deepEqual(exporter.stats, { exportedSpans: 0, droppedSpans: 3, failedExports: 1 });
});

test('createOtlpTraceExporter follows the standard OTEL_* variables', async () => {
  assert.equal(createOtlpTraceExporter({}), undefined);
  assert.equal(createOtlpTraceExporter({ OTEL_EXPORTER_OTLP_ENDPOINT: baseUrl, OTEL_SDK_DISABLED: 'true' }), undefined);
  takeReceived();
  const fromBase = createOtlpTraceExporter({ OTEL_EXPORTER_OTLP_ENDPOINT: `${baseUrl}/`, OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=acme, api-key=a%20b', OTEL_SERVICE_NAME: 'gateway-a' });
  assert.ok(fromBase !== undefined);
  fromBase.record(logRecord({ attempts: [] }));
  await fromBase.shutdown();
  const [sent] = takeReceived();
  assert.equal(sent!.url, '/v1/traces');
  assert.equal(sent!.headers['x-tenant'], 'acme');
  assert.equal(sent!.headers['api-key'], 'a b');
  assert.equal(sent!.body.resourceSpans[0]!.resource.attributes[0]!.value.stringValue, 'gateway-a');
  const fullUrl = createOtlpTraceExporter({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${baseUrl}/custom/traces` });
  fullUrl!.record(logRecord({ attempts: [] }));
  await fullUrl!.shutdown();
  const [custom] = takeReceived();
  assert.equal(custom!.url, '/custom/traces');
  assert.equal(custom!.body.resourceSpans[0]!.resource.attributes[0]!.value.stringValue, 'switchboard');
});
