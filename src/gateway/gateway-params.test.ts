import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitGatewayParams } from './gateway-params.ts';

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

test('removes gateway fields from the body and keeps the rest untouched', () => {
  const body = { model: 'gpt-4o', messages: [], temperature: 0.2, customer_identifier: 'u1', metadata: { a: 1 } };
  const { params, body: forwarded } = splitGatewayParams(body, undefined);
  assert.deepEqual(forwarded, { model: 'gpt-4o', messages: [], temperature: 0.2 });
  assert.deepEqual(params, { customer_identifier: 'u1', metadata: { a: 1 } });
  assert.equal(body.customer_identifier, 'u1', 'the caller body is not mutated');
});

test('a body without gateway fields is returned as is', () => {
  const body = { model: 'gpt-4o', messages: [] };
  const split = splitGatewayParams(body, undefined);
  assert.equal(split.body, body);
  assert.deepEqual(split.params, {});
});

test('respan_params beat the header, which beats top-level fields', () => {
  const body = {
    model: 'm', customer_identifier: 'top', thread_identifier: 'top-thread', custom_identifier: 'top-custom',
    respan_params: { customer_identifier: 'body-channel' },
  };
  const header = base64({ customer_identifier: 'header', thread_identifier: 'header-thread' });
  const { params, body: forwarded } = splitGatewayParams(body, header);
  assert.equal(params.customer_identifier, 'body-channel');
  assert.equal(params.thread_identifier, 'header-thread');
  assert.equal(params.custom_identifier, 'top-custom');
  assert.deepEqual(forwarded, { model: 'm' });
});

test('accepts raw JSON headers, legacy names and a JSON-string respan_params', () => {
  assert.deepEqual(splitGatewayParams({}, '{"disable_log":true}').params, { disable_log: true });
  assert.deepEqual(splitGatewayParams({ keywordsai_params: { cache_enabled: true } }, undefined).params, { cache_enabled: true });
  assert.deepEqual(splitGatewayParams({ respan_params: '{"cache_ttl":5}' }, undefined).params, { cache_ttl: 5 });
});

test('a Respan prompt reference is a gateway param; OpenAI stored prompts pass through', () => {
  assert.deepEqual(splitGatewayParams({ prompt: { prompt_id: 'p1' } }, undefined).body, {});
  assert.deepEqual(splitGatewayParams({ prompt: { id: 'pmpt_1' } }, undefined).body, { prompt: { id: 'pmpt_1' } });
});

test('rejects channels that are not JSON objects', () => {
  assert.throws(() => splitGatewayParams({ respan_params: [1] }, undefined), /respan_params must be a JSON object/);
  assert.throws(() => splitGatewayParams({}, 'not-base64-json'), /X-Data-Respan-Params/);
});
