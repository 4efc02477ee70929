import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpstreamError } from '../../errors/upstream-error.ts';
import { readGeminiFixture } from './fixtures/read-fixture.ts';
import { geminiChatDialect } from './index.ts';

const context = { requestedModel: 'gemini-2.5-flash', nowSeconds: 1_750_000_000, responseId: 'chatcmpl-req42' };

function decodeFixture(name: string) {
  return geminiChatDialect.decodeResponse(JSON.parse(readGeminiFixture(name)), context);
}

describe('decodeGeminiResponse', () => {
  it('decodes text with usage, thoughts counted as completion and reasoning tokens', () => {
    assert.deepEqual(decodeFixture('generate-content-text.json'), {
      id: 'chatcmpl-req42',
      object: 'chat.completion',
      created: 1_750_000_000,
      model: 'gemini-2.5-flash',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello! How can I help you today?' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 4, completion_tokens: 33, total_tokens: 37, completion_tokens_details: { reasoning_tokens: 24 } },
    });
  });

  it('exposes thought parts as reasoning_content and cached tokens as prompt details', () => {
    const completion = decodeFixture('generate-content-thinking.json');
    assert.equal(completion.choices[0].message.content, '2 + 2 = 4');
    assert.equal(completion.choices[0].message.reasoning_content, '**Calculating the sum**\n\nThe user wants 2 + 2. That is 4.\n');
    assert.deepEqual(completion.usage, {
      prompt_tokens: 1200,
      completion_tokens: 119,
      total_tokens: 1319,
      prompt_tokens_details: { cached_tokens: 1024 },
      completion_tokens_details: { reasoning_tokens: 112 },
    });
  });

  it('turns function calls into tool calls with generated ids, in order, finishing as tool_calls', () => {
    const completion = decodeFixture('generate-content-tool-calls.json');
    const choice = completion.choices[0];
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.equal(choice.message.content, null);
    assert.deepEqual(choice.message.tool_calls, [
      {
        id: 'call_req42_0',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"location":"Paris, France"}' },
        extra_content: { google: { thought_signature: 'CiQB0e2Kb7c1Ws7dLhGk0ZrbXbmtZSv0CQ0ngF1t2dP3rN8xY2oKYgHR7Ypv' } },
      },
      { id: 'call_req42_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Bogotá, Colombia"}' } },
    ]);
  });

  it('maps MAX_TOKENS to length', () => {
    assert.equal(decodeFixture('generate-content-max-tokens.json').choices[0].finish_reason, 'length');
  });

  it('maps safety and related stops to content_filter', () => {
    for (const reason of ['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII']) {
      const completion = geminiChatDialect.decodeResponse({ candidates: [{ finishReason: reason, index: 0 }] }, context);
      assert.equal(completion.choices[0].finish_reason, 'content_filter', reason);
      assert.equal(completion.choices[0].message.content, null);
    }
  });

  it('answers a blocked prompt with one empty content_filter choice', () => {
    const completion = decodeFixture('generate-content-prompt-blocked.json');
    assert.deepEqual(completion.choices, [{ index: 0, message: { role: 'assistant', content: null }, finish_reason: 'content_filter' }]);
    assert.deepEqual(completion.usage, { prompt_tokens: 11, completion_tokens: 0, total_tokens: 11 });
  });

  it('keeps each candidate as a choice and reads Vertex createTime', () => {
    const completion = geminiChatDialect.decodeResponse({
      createTime: '2025-07-05T10:00:00.123Z',
      candidates: [
        { index: 0, content: { role: 'model', parts: [{ text: 'A' }] }, finishReason: 'STOP' },
        { index: 1, content: { role: 'model', parts: [{ text: 'B' }] }, finishReason: 'STOP' },
      ],
    }, context);
    assert.deepEqual(completion.choices.map((choice) => [choice.index, choice.message.content]), [[0, 'A'], [1, 'B']]);
    assert.equal(completion.created, Math.floor(Date.parse('2025-07-05T10:00:00Z') / 1000));
    assert.equal(completion.model, 'gemini-2.5-flash');
    assert.equal(completion.usage, undefined);
  });

  it('rejects a body that is not an object', () => {
    assert.throws(() => geminiChatDialect.decodeResponse([], context), (error: unknown) => error instanceof UpstreamError && error.kind === 'invalid-response');
  });
});
