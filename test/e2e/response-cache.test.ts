import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { API_KEY, fetchLog, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let mock: OpenAIMockUpstream;
let gateway: TestGateway;
let client: OpenAI;
const cacheOn = { cache_enabled: true };

before(async () => {
  mock = await startOpenAIMock();
  gateway = await startTestGateway(['providers:', `  openai: { api_key: sk-upstream, base_url: ${mock.url}/v1 }`].join('\n'));
  client = new OpenAI({ apiKey: API_KEY, baseURL: gateway.apiBase, maxRetries: 0 });
});

after(async () => {
  await gateway.stop();
  await mock.close();
});

function ask(content: string, extra: Record<string, unknown> = {}, stream = false) {
  return client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], stream, ...extra } as never).withResponse();
}

test('a repeated request is answered from the cache: same body, X-Respan-Cache: hit, logged as a hit at cost 0', async () => {
  const first = await ask('cache me', cacheOn);
  assert.equal(first.response.headers.get('x-respan-cache'), null);
  const upstreamCalls = mock.requests.length;
  const second = await ask('cache me', cacheOn);
  assert.equal(second.response.headers.get('x-respan-cache'), 'hit');
  assert.equal(mock.requests.length, upstreamCalls, 'the upstream was not called again');
  assert.deepEqual(second.data, first.data);
  const log = await fetchLog(gateway, second.response.headers.get('x-respan-log-id')!);
  assert.equal(log.cache_hit, true);
  assert.equal(log.cost, 0);
  assert.equal(log.total_tokens, 29);
});

test('without cache_enabled nothing is read from the cache', async () => {
  await ask('not cached', cacheOn);
  const calls = mock.requests.length;
  await ask('not cached');
  assert.equal(mock.requests.length, calls + 1);
});

test('a streamed answer is replayed as the same stream, and serves a plain request too', async () => {
  const collect = async (stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) => {
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    return chunks;
  };
  const original = await collect((await ask('stream me', { ...cacheOn, stream_options: { include_usage: true } }, true)).data as never);
  const calls = mock.requests.length;
  const replayed = await ask('stream me', { ...cacheOn, stream_options: { include_usage: true } }, true);
  assert.equal(replayed.response.headers.get('x-respan-cache'), 'hit');
  assert.deepEqual(await collect(replayed.data as never), original, 'the same events in the same order');
  const plain = await ask('stream me', cacheOn);
  assert.equal(plain.response.headers.get('x-respan-cache'), 'hit');
  assert.equal(plain.data.choices[0].message.content, 'Hello! How can I help?');
  assert.equal(mock.requests.length, calls);
});

test('entries are scoped: per API key always, per customer with cache_by_customer, per model with is_cached_by_model', async () => {
  const other = await (await gateway.admin('/api/api-keys/', { body: { name: 'other-tenant' } })).json() as { key: string };
  await ask('scoped', cacheOn);
  const otherClient = new OpenAI({ apiKey: other.key, baseURL: gateway.apiBase, maxRetries: 0 });
  const fromOtherKey = await otherClient.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'scoped' }], ...cacheOn } as never).withResponse();
  assert.equal(fromOtherKey.response.headers.get('x-respan-cache'), null, 'another key never reads this key\'s entry');

  const byCustomer = { cache_enabled: true, cache_options: { cache_by_customer: true } };
  await ask('per customer', { ...byCustomer, customer_identifier: 'alice' });
  assert.equal((await ask('per customer', { ...byCustomer, customer_identifier: 'bob' })).response.headers.get('x-respan-cache'), null);
  assert.equal((await ask('per customer', { ...byCustomer, customer_identifier: 'alice' })).response.headers.get('x-respan-cache'), 'hit');

  const byModel = { cache_enabled: true, cache_options: { is_cached_by_model: true } };
  await ask('per model', byModel);
  const otherModel = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'per model' }], ...byModel } as never).withResponse();
  assert.equal(otherModel.response.headers.get('x-respan-cache'), null);
});

test('omit_log: a hit writes no log and carries no X-Respan-Log-Id; a failed response is never cached', async () => {
  const omit = { cache_enabled: true, cache_options: { omit_log: true } };
  const miss = await ask('omit', omit);
  assert.ok(miss.response.headers.get('x-respan-log-id'), 'misses are logged');
  const hit = await ask('omit', omit);
  assert.equal(hit.response.headers.get('x-respan-cache'), 'hit');
  assert.equal(hit.response.headers.get('x-respan-log-id'), null);

  mock.script({ kind: 'status', status: 400, body: JSON.stringify({ error: { message: 'bad', type: 'invalid_request_error', param: null, code: null } }) });
  await assert.rejects(ask('fails once', cacheOn));
  const retried = await ask('fails once', cacheOn);
  assert.equal(retried.response.headers.get('x-respan-cache'), null);
});

test('embeddings are cached too', async () => {
  const request = { model: 'text-embedding-3-small', input: 'vectors', encoding_format: 'float' as const, ...cacheOn };
  await client.embeddings.create(request as never);
  const hit = await client.embeddings.create(request as never).withResponse();
  assert.equal(hit.response.headers.get('x-respan-cache'), 'hit');
});

test('DELETE /api/caches/ purges one customer\'s entries, or all', async () => {
  await ask('purge me', { ...cacheOn, customer_identifier: 'purged-customer' });
  await ask('keep me', { ...cacheOn, customer_identifier: 'kept-customer' });
  const purged = await gateway.admin('/api/caches/?customer_identifier=purged-customer', { method: 'DELETE' });
  assert.equal(purged.status, 200);
  assert.equal((await purged.json() as { deleted: number }).deleted, 1);
  assert.equal((await ask('purge me', { ...cacheOn, customer_identifier: 'purged-customer' })).response.headers.get('x-respan-cache'), null);
  assert.equal((await ask('keep me', { ...cacheOn, customer_identifier: 'kept-customer' })).response.headers.get('x-respan-cache'), 'hit');
  const all = await gateway.admin('/api/caches/', { method: 'DELETE' });
  assert.ok((await all.json() as { deleted: number }).deleted >= 1);
  assert.equal((await ask('keep me', { ...cacheOn, customer_identifier: 'kept-customer' })).response.headers.get('x-respan-cache'), null);
});
