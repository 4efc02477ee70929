import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { ADMIN_KEY, API_KEY, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

/**
 * Throws random and mutated bodies, headers and parameters at the router and the management API
 * and checks the gateway answers every one with something other than a 5xx of its own, and stays
 * up. Bounded (runs and wall time) so it ends by itself well within a minute in `npm test`;
 * FUZZ_RUNS raises the count for a longer, opt-in run.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 600);
const timeLimitMs = Number(process.env.FUZZ_TIME_LIMIT_MS ?? 15_000);

let mock: OpenAIMockUpstream;
let gateway: TestGateway;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  mock = await startOpenAIMock();
  // The edge limiter stays on, with room for the fuzzer's pace.
  gateway = await startTestGateway(['providers:', `  openai: { api_key: sk-upstream, base_url: ${mock.url}/v1 }`, 'abuse: { requests_per_second: 100000, burst: 100000 }'].join('\n'));
});
after(async () => {
  process.off('unhandledRejection', onUnhandled);
  await gateway.stop();
  await mock.close();
});

const endpoints = ['/api/chat/completions', '/api/responses', '/api/embeddings', '/api/completions', '/api/api-keys/', '/api/settings/', '/api/providers/',
  '/api/deployments/', '/api/models/', '/api/load-balance-groups/', '/api/request-logs/list/', '/api/users/list/', '/api/users/someone/', '/api/audit-logs/',
  // Native passthrough (no upstream configured: their parsing, authentication and validation paths).
  '/api/anthropic/v1/messages', '/api/anthropic/v1/messages/count_tokens', '/api/google/gemini/v1beta/models/gemini-2.5-flash:generateContent',
  '/api/google/gemini/v1/models/x:streamGenerateContent', '/api/google/vertexai/v1/projects/p/locations/l/publishers/google/models/m:generateContent',
  '/api/request-logs/', '/api/prompts/', '/api/evaluators/', '/api/caches/'];
const jsonValue = fc.jsonValue({ maxDepth: 4 });
const chatLike = fc.record({
  model: fc.oneof(fc.constant('gpt-4o-mini'), fc.string(), fc.integer()),
  messages: fc.oneof(fc.array(fc.record({ role: fc.oneof(fc.constantFrom('user', 'system', 'assistant', 'tool'), fc.string()), content: jsonValue })), jsonValue),
  stream: fc.oneof(fc.boolean(), jsonValue),
  temperature: jsonValue, max_tokens: jsonValue, tools: jsonValue, metadata: jsonValue, customer_identifier: jsonValue, fallback_models: jsonValue,
}, { requiredKeys: [] });
const body = fc.oneof(
  chatLike.map((value) => JSON.stringify(value)),
  jsonValue.map((value) => JSON.stringify(value)),
  // Mutations: a valid body cut short or with bytes changed.
  fc.tuple(chatLike.map((value) => JSON.stringify(value)), fc.nat(), fc.string({ maxLength: 3 })).map(([text, at, insert]) => text.slice(0, at % (text.length + 1)) + insert),
  fc.string({ maxLength: 200 }),
);
const requestShape = fc.record({
  endpoint: fc.constantFrom(...endpoints),
  method: fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE'),
  key: fc.constantFrom(API_KEY, ADMIN_KEY, '', 'wrong-key'),
  contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16'),
  query: fc.dictionary(fc.constantFrom('page', 'page_size', 'start_time', 'sort_by', 'actor', 'key', 'target'), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
  extraHeader: fc.tuple(fc.constantFrom('x-respan-params', 'x-data-respan-params', 'x-api-key', 'x-goog-api-key', 'anthropic-version', 'x-respan-route-provider', 'accept'), fc.string({ maxLength: 40 })),
  body,
});

test('random and mutated requests never get a gateway 5xx, and the gateway stays up', async () => {
  const rssBefore = process.memoryUsage().rss;
  let sent = 0;
  await fc.assert(fc.asyncProperty(requestShape, async (shape) => {
    const url = new URL(gateway.url + shape.endpoint);
    for (const [name, value] of Object.entries(shape.query)) url.searchParams.set(name, value);
    const headers: Record<string, string> = { 'content-type': shape.contentType };
    if (shape.key !== '') headers.authorization = `Bearer ${shape.key}`;
    // Header values must be ByteStrings for fetch; an unsendable one is skipped, not a finding.
    if (/^[\x20-\x7e]*$/.test(shape.extraHeader[1])) headers[shape.extraHeader[0]] = shape.extraHeader[1];
    // Management writes by the fuzzer are kept to the harmless ones: no deleting or replacing the
    // providers the router needs, which would only turn later requests into 4xx.
    const method = shape.endpoint.startsWith('/api/providers') && shape.method !== 'GET' ? 'GET' : shape.method;
    const response = await fetch(url, { method, headers, body: method === 'GET' ? undefined : shape.body });
    const text = await response.text();
    sent += 1;
    assert.ok(response.status < 500, `${method} ${url.pathname} → ${response.status}: ${text.slice(0, 300)}\nbody: ${shape.body.slice(0, 300)}`);
  }), { numRuns: runs, interruptAfterTimeLimit: timeLimitMs, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 100000) });

  assert.ok(sent > 50, `only ${sent} requests were sent`);
  const health = await fetch(`${gateway.url}/health`);
  assert.ok(health.status < 500, 'the gateway still answers');
  assert.deepEqual(unhandled, [], 'no unhandled rejection');
  // Rough: a leak per request would show as hundreds of MB over this many requests.
  assert.ok(process.memoryUsage().rss - rssBefore < 300 * 1024 * 1024, 'memory stays roughly flat');
  // Every stored row still reads back as a valid log.
  const logs = await gateway.admin('/api/request-logs/list/', { body: {} });
  assert.equal(logs.status, 200);
});
