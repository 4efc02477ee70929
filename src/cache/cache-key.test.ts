import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheScope, responseCacheKey, scopeHash, scopeHashOfKey } from './cache-key.ts';
import { canonicalJson } from './canonical-json.ts';

const scope = cacheScope({ apiKeyId: 'key_1' });
const request = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hi' }],
  temperature: 0.2,
  response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object', properties: { a: { type: 'string' } } } } },
};
const chatKey = (body: Record<string, unknown>, overrides: { scope?: string; includeModel?: boolean } = {}) =>
  responseCacheKey({ operation: 'chat', request: body, scope: overrides.scope ?? scope, includeModel: overrides.includeModel ?? true });

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and drops undefined members like JSON.stringify', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: undefined } }), '{"a":{"d":[3,{"x":2,"y":1}]},"b":1}');
    assert.equal(canonicalJson([undefined, null, 'é"']), '[null,null,"é\\""]');
  });
});

describe('responseCacheKey', () => {
  it('ignores key order at every depth', () => {
    const reordered = {
      response_format: { json_schema: { schema: { properties: { a: { type: 'string' } }, type: 'object' }, name: 'answer' }, type: 'json_schema' },
      temperature: 0.2,
      messages: [{ content: 'Hi', role: 'user' }],
      model: 'gpt-4o-mini',
    };
    assert.equal(chatKey(reordered), chatKey(request));
  });

  it('ignores the delivery mode, end-user tags and top-level nulls', () => {
    const streamed = { ...request, stream: true, stream_options: { include_usage: true }, user: 'u-1', store: false, seed: null };
    assert.equal(chatKey(streamed), chatKey(request));
  });

  it('separates requests whose answer may differ', () => {
    const base = chatKey(request);
    assert.notEqual(chatKey({ ...request, temperature: 0.3 }), base);
    assert.notEqual(chatKey({ ...request, messages: [{ role: 'user', content: 'Hi!' }] }), base);
    assert.notEqual(chatKey({ ...request, tools: [{ type: 'function', function: { name: 'f' } }] }), base);
    assert.notEqual(chatKey({ ...request, max_tokens: 10 }), base);
    assert.notEqual(chatKey({ ...request, reasoning_effort: 'low' }), base);
    assert.notEqual(chatKey({ ...request, some_future_parameter: 1 }), base);
    // Array order is meaning: two messages swapped are a different conversation.
    const two = [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }];
    assert.notEqual(chatKey({ ...request, messages: two }), chatKey({ ...request, messages: [...two].reverse() }));
  });

  it('includes the model only when asked (is_cached_by_model), except for embeddings', () => {
    const other = { ...request, model: 'gpt-4o' };
    assert.notEqual(chatKey(other), chatKey(request));
    assert.equal(chatKey(other, { includeModel: false }), chatKey(request, { includeModel: false }));
    const embeddings = (model: string) => responseCacheKey({ operation: 'embeddings', request: { model, input: 'x' }, scope, includeModel: false });
    assert.notEqual(embeddings('text-embedding-3-small'), embeddings('text-embedding-3-large'));
  });

  it('keeps scopes and operations apart', () => {
    const byKey2 = cacheScope({ apiKeyId: 'key_2' });
    const byCustomer = cacheScope({ apiKeyId: 'key_1', customerIdentifier: 'c-1' });
    const keys = new Set([
      chatKey(request), chatKey(request, { scope: byKey2 }), chatKey(request, { scope: byCustomer }),
      chatKey(request, { scope: cacheScope({ apiKeyId: 'key_1', customerIdentifier: 'c-2' }) }),
      responseCacheKey({ operation: 'responses', request, scope, includeModel: true }),
    ]);
    assert.equal(keys.size, 5);
  });

  it('starts with the scope segment, hashed so ids with glob characters or personal data stay out of key names', () => {
    const customerScope = cacheScope({ apiKeyId: 'key_1', customerIdentifier: 'ann@example.com*' });
    const key = chatKey(request, { scope: customerScope });
    assert.equal(scopeHashOfKey(key), scopeHash(customerScope));
    assert.match(key, /^[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}$/);
  });

  it('cannot be confused by ids that contain separators', () => {
    assert.notEqual(cacheScope({ apiKeyId: 'a","customer","b' }), cacheScope({ apiKeyId: 'a', customerIdentifier: 'b' }));
  });
});
