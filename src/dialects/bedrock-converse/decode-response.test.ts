import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpstreamError } from '../../errors/upstream-error.ts';
import { readJsonFixture } from './fixtures/read-fixture.ts';
import { bedrockConverseDialect } from './index.ts';

const context = { requestedModel: 'claude-sonnet-4-20250514', nowSeconds: 1_750_000_000, responseId: 'chatcmpl-gateway' };

describe('decodeConverseResponse', () => {
  it('decodes a text answer with its usage, under the gateway id and the requested model', () => {
    assert.deepEqual(bedrockConverseDialect.decodeResponse(readJsonFixture('converse-text.json'), context), {
      id: 'chatcmpl-gateway',
      object: 'chat.completion',
      created: 1_750_000_000,
      model: 'claude-sonnet-4-20250514',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello! How can I help you today?' }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 12, completion_tokens: 10, total_tokens: 22, prompt_tokens_details: { cached_tokens: 0, cache_creation_tokens: 0 } },
    });
  });

  it('decodes toolUse blocks as tool_calls with JSON arguments and finish_reason tool_calls', () => {
    const completion = bedrockConverseDialect.decodeResponse(readJsonFixture('converse-tool-use.json'), context);
    assert.deepEqual(completion.choices[0].message, {
      role: 'assistant',
      content: "I'll check the weather in Paris for you.",
      tool_calls: [{ id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris, France"}' } }],
    });
    assert.equal(completion.choices[0].finish_reason, 'tool_calls');
  });

  it('exposes reasoning as reasoning_content and counts cache reads and writes in prompt_tokens', () => {
    const completion = bedrockConverseDialect.decodeResponse(readJsonFixture('converse-reasoning.json'), context);
    assert.equal(completion.choices[0].message.content, '17 × 23 = 391');
    assert.equal(completion.choices[0].message.reasoning_content, '17 × 23: 17 × 20 = 340, 17 × 3 = 51, so 391.');
    assert.deepEqual(completion.usage, {
      prompt_tokens: 22 + 2048 + 512,
      completion_tokens: 78,
      total_tokens: 2660,
      prompt_tokens_details: { cached_tokens: 2048, cache_creation_tokens: 512 },
    });
  });

  it('maps every stop reason', () => {
    const finishReasonFor = (stopReason: string) => bedrockConverseDialect.decodeResponse({ output: { message: { role: 'assistant', content: [{ text: 'x' }] } }, stopReason }, context).choices[0].finish_reason;
    assert.equal(finishReasonFor('end_turn'), 'stop');
    assert.equal(finishReasonFor('stop_sequence'), 'stop');
    assert.equal(finishReasonFor('max_tokens'), 'length');
    assert.equal(finishReasonFor('model_context_window_exceeded'), 'length');
    assert.equal(finishReasonFor('tool_use'), 'tool_calls');
    assert.equal(finishReasonFor('guardrail_intervened'), 'content_filter');
    assert.equal(finishReasonFor('content_filtered'), 'content_filter');
    assert.equal(finishReasonFor('malformed_model_output'), 'stop');
  });

  it('is lenient: a tool-only answer has null content, a missing message an empty one, no usage no usage', () => {
    const toolOnly = bedrockConverseDialect.decodeResponse({ output: { message: { content: [{ toolUse: { toolUseId: 't1', name: 'now', input: {} } }] } }, stopReason: 'tool_use' }, context);
    assert.equal(toolOnly.choices[0].message.content, null);
    assert.equal(toolOnly.choices[0].message.tool_calls?.[0].function.arguments, '{}');
    const empty = bedrockConverseDialect.decodeResponse({ stopReason: 'end_turn', unknownField: 1 }, context);
    assert.equal(empty.choices[0].message.content, '');
    assert.equal(empty.usage, undefined);
  });

  it('rejects a body that is not an object', () => {
    assert.throws(() => bedrockConverseDialect.decodeResponse([], context), (error: unknown) => error instanceof UpstreamError && error.kind === 'invalid-response');
  });
});
