import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpstreamError } from '../../errors/upstream-error.ts';
import { decodeAnthropicMessagesResponse } from './decode-response.ts';
import { readFixture } from './fixtures/read-fixture.ts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.ts';

const context = { requestedModel: 'claude-sonnet-4', nowSeconds: 1_750_000_000, responseId: 'chatcmpl-gateway-1' };

function decode(fixture: string) {
  return decodeAnthropicMessagesResponse(JSON.parse(readFixture(fixture)), context);
}

describe('decodeAnthropicMessagesResponse', () => {
  it('a text message: content, stop, usage, the gateway id and the upstream model', () => {
    assert.deepEqual(decode('message-text.json'), {
      id: 'chatcmpl-gateway-1',
      object: 'chat.completion',
      created: 1_750_000_000,
      model: 'claude-sonnet-4-20250514',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi! My name is Claude.' }, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: 2095,
        completion_tokens: 503,
        total_tokens: 2598,
        prompt_tokens_details: { cached_tokens: 0, cache_creation_tokens: 0 },
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      },
    });
  });

  it('tool_use blocks: tool_calls with JSON arguments, text kept, finish tool_calls', () => {
    const choice = decode('message-tool-use.json').choices[0];
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.equal(choice.message.content, "I'll check the weather and the time in San Francisco for you.");
    assert.deepEqual(choice.message.tool_calls, [
      { id: 'toolu_01A09q90qw90lq917835lq9', type: 'function', function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' } },
      { id: 'toolu_01B17f2kbX8W4s5Zq3mD2xYp', type: 'function', function: { name: 'get_time', arguments: '{"timezone":"America/Los_Angeles"}' } },
    ]);
  });

  it('thinking: reasoning_content, and the signed block in thinking_blocks', () => {
    const message = decode('message-thinking.json').choices[0].message;
    assert.equal(message.content, 'Yes, there are infinitely many prime numbers, as Euclid proved.');
    assert.match(String(message.reasoning_content), /^To approach this/);
    const [block] = message.thinking_blocks as Array<{ type: string; signature: string }>;
    assert.equal(block.type, 'thinking');
    assert.match(block.signature, /^EuYBCkQYAiJA/);
  });

  it('the JSON-answer tool becomes the content, with a normal stop', () => {
    const choice = decode('message-json-tool.json').choices[0];
    assert.equal(choice.finish_reason, 'stop');
    assert.deepEqual(JSON.parse(String(choice.message.content)), { city: 'Paris', temperature_c: 21, conditions: 'sunny' });
    assert.equal(choice.message.tool_calls, undefined);
  });

  it('usage with cache reads and writes: prompt_tokens includes both, details say which', () => {
    const completion = decode('message-cached.json');
    assert.equal(completion.choices[0].finish_reason, 'length');
    assert.deepEqual(completion.usage, {
      prompt_tokens: 21 + 2048 + 188,
      completion_tokens: 393,
      total_tokens: 21 + 2048 + 188 + 393,
      prompt_tokens_details: { cached_tokens: 2048, cache_creation_tokens: 188 },
      cache_read_input_tokens: 2048,
      cache_creation_input_tokens: 188,
    });
  });

  it('is lenient with missing fields and strict with a body that is not an object', () => {
    const completion = decodeAnthropicMessagesResponse({ content: null, stop_reason: null }, context);
    assert.equal(completion.model, 'claude-sonnet-4');
    assert.deepEqual(completion.choices[0].message, { role: 'assistant', content: '' });
    assert.equal(completion.usage, undefined);
    assert.throws(() => decodeAnthropicMessagesResponse('oops', context), (error: unknown) => error instanceof UpstreamError && error.kind === 'invalid-response');
  });
});

describe('mapAnthropicStopReason', () => {
  it('maps every documented stop reason', () => {
    assert.equal(mapAnthropicStopReason('end_turn'), 'stop');
    assert.equal(mapAnthropicStopReason('stop_sequence'), 'stop');
    assert.equal(mapAnthropicStopReason('pause_turn'), 'stop');
    assert.equal(mapAnthropicStopReason('max_tokens'), 'length');
    assert.equal(mapAnthropicStopReason('model_context_window_exceeded'), 'length');
    assert.equal(mapAnthropicStopReason('tool_use'), 'tool_calls');
    assert.equal(mapAnthropicStopReason('refusal'), 'content_filter');
  });
});
