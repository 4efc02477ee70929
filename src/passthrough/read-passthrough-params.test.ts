import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../errors/gateway-error.ts';
import { readPassthroughParams } from './read-passthrough-params.ts';

test('reads metadata.respan_params, respan_params and the header; respan_params wins', () => {
  const header = Buffer.from(JSON.stringify({ customer_identifier: 'from-header', thread_identifier: 'thread-1' })).toString('base64');
  const { params, body } = readPassthroughParams(
    { model: 'm', metadata: { user_id: 'u', respan_params: { customer_identifier: 'from-metadata' } }, respan_params: '{"custom_identifier":"c"}' },
    { header, readMetadata: true },
  );
  assert.deepEqual(params, { customer_identifier: 'from-metadata', thread_identifier: 'thread-1', custom_identifier: 'c' });
  assert.deepEqual(body, { model: 'm', metadata: { user_id: 'u' } });
});

test('an emptied metadata is dropped; other top-level fields stay the provider\'s', () => {
  const { body } = readPassthroughParams({ model: 'm', customer_identifier: 'x', metadata: { keywordsai_params: { a: 1 } } }, { header: undefined, readMetadata: true });
  assert.deepEqual(body, { model: 'm', customer_identifier: 'x' });
});

test('without gateway params the body is forwarded as it came', () => {
  const original = { contents: [], metadata: { respan_params: { a: 1 } } };
  const { params, body } = readPassthroughParams(original, { header: undefined, readMetadata: false });
  assert.equal(body, original);
  assert.deepEqual(params, {});
});

test('a channel that is no JSON object is a 400 naming it', () => {
  assert.throws(() => readPassthroughParams({ respan_params: 'nope' }, { header: undefined, readMetadata: true }), (error: unknown) => {
    return error instanceof GatewayError && error.status === 400 && error.param === 'respan_params';
  });
  assert.throws(() => readPassthroughParams([], { header: undefined, readMetadata: true }), GatewayError);
});
