import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOpenAIMock } from '../mock-upstreams/openai-mock-upstream.ts';
import { startGatewayProcess } from '../support/gateway-process.ts';

test('with OTEL_EXPORTER_OTLP_ENDPOINT set, requests are exported as spans continuing the client\'s traceparent', async () => {
  const received: Array<{ resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ traceId: string; parentSpanId?: string; name: string; attributes: Array<{ key: string; value: Record<string, unknown> }> }> }> }> }> = [];
  const receiver = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => { text += chunk; });
    request.on('end', () => {
      if (request.url === '/v1/traces') received.push(JSON.parse(text));
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const mock = await startOpenAIMock();
  const directory = await mkdtemp(join(tmpdir(), 'switchboard-otel-'));
  const gateway = await startGatewayProcess({
    directory,
    name: 'otel',
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}` },
    yaml: [`database_url: sqlite:${join(directory, 'db.sqlite')}`, 'providers:', `  openai: { api_key: sk-upstream, base_url: ${mock.url}/v1 }`, 'api_keys:', '  - { name: otel, key: sk-otel-0123456789 }'].join('\n'),
  });
  try {
    const response = await fetch(`${gateway.url}/api/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-otel-0123456789', 'content-type': 'application/json', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(response.status, 200);
  } finally {
    assert.equal(await gateway.stop(), 0);
    await mock.close();
    await rm(directory, { recursive: true, force: true });
    await new Promise((resolve) => receiver.close(resolve));
  }
  const spans = received.flatMap((batch) => batch.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)));
  const request = spans.find((span) => span.parentSpanId === '00f067aa0ba902b7');
  assert.ok(request, 'the request span continues the client\'s trace under its span');
  assert.equal(request.traceId, '4bf92f3577b34da6a3ce929d0e0e4736');
  const attributes = Object.fromEntries(request.attributes.map((attribute) => [attribute.key, Object.values(attribute.value)[0]]));
  assert.equal(attributes['gen_ai.request.model'], 'gpt-4o-mini');
  assert.equal(attributes['gen_ai.usage.input_tokens'], '19');
  assert.ok(spans.some((span) => span.name.startsWith('openai ') && span.traceId === request.traceId), 'one child span per attempt');
});
