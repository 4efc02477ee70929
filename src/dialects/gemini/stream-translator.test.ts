import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpstreamError } from '../../errors/upstream-error.ts';
import type { StreamEvent } from '../dialect.ts';
import type { ChatCompletionChunk } from '../openai-chat/types.ts';
import { readGeminiFixtureEvents } from './fixtures/read-fixture.ts';
import { geminiChatDialect } from './index.ts';

const context = { requestedModel: 'gemini-2.5-flash', nowSeconds: 1_750_000_000, responseId: 'chatcmpl-req7' };

function translate(events: StreamEvent[]) {
  const translator = geminiChatDialect.createStreamTranslator(context);
  const chunks: ChatCompletionChunk[] = [];
  for (const event of events) chunks.push(...translator.onEvent(event));
  const done = translator.done;
  chunks.push(...translator.finish());
  return { translator, chunks, done };
}

function deltas(chunks: ChatCompletionChunk[]) {
  return chunks.filter((chunk) => chunk.choices.length > 0).map((chunk) => [chunk.choices[0].delta, chunk.choices[0].finish_reason]);
}

describe('GeminiStreamTranslator', () => {
  it('reads CRLF-framed events: role first, text deltas, finish, then the usage chunk', () => {
    const { chunks, done, translator } = translate(readGeminiFixtureEvents('stream-text.sse'));
    assert.equal(done, true);
    assert.deepEqual(deltas(chunks), [
      [{ role: 'assistant', content: '' }, null],
      [{ content: 'Hello' }, null],
      [{ content: '! How can I' }, null],
      [{ content: ' help you today?' }, null],
      [{}, 'stop'],
    ]);
    for (const chunk of chunks) {
      assert.equal(chunk.id, 'chatcmpl-req7');
      assert.equal(chunk.object, 'chat.completion.chunk');
      assert.equal(chunk.model, 'gemini-2.5-flash');
    }
    assert.deepEqual(chunks.at(-1), {
      id: 'chatcmpl-req7', object: 'chat.completion.chunk', created: 1_750_000_000, model: 'gemini-2.5-flash',
      choices: [], usage: { prompt_tokens: 4, completion_tokens: 9, total_tokens: 13 },
    });
    assert.deepEqual(translator.usage, { prompt_tokens: 4, completion_tokens: 9, total_tokens: 13 });
  });

  it('streams thought parts as reasoning_content and counts thoughts as completion tokens', () => {
    const { chunks, translator } = translate(readGeminiFixtureEvents('stream-thinking.sse'));
    assert.deepEqual(deltas(chunks), [
      [{ role: 'assistant', content: '' }, null],
      [{ reasoning_content: '**Adding numbers**\n\nTwo plus two is four.\n' }, null],
      [{ content: '2 + 2 = 4' }, null],
      [{}, 'stop'],
    ]);
    assert.deepEqual(translator.usage, { prompt_tokens: 8, completion_tokens: 77, total_tokens: 85, completion_tokens_details: { reasoning_tokens: 70 } });
  });

  it('sends each function call as a complete tool-call delta with a stable index, finishing as tool_calls', () => {
    const { chunks } = translate(readGeminiFixtureEvents('stream-tool-calls.sse'));
    assert.deepEqual(deltas(chunks), [
      [{ role: 'assistant', content: '' }, null],
      [{ tool_calls: [{
        index: 0, id: 'call_req7_0', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris, France"}' },
        extra_content: { google: { thought_signature: 'CiQB0e2Kb7c1Ws7dLhGk0ZrbXbmtZSv0CQ0ngF1t2dP3rN8xY2oKYgHR7Ypv' } },
      }] }, null],
      [{ tool_calls: [{ index: 1, id: 'call_req7_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Bogotá, Colombia"}' } }] }, null],
      [{}, 'tool_calls'],
    ]);
  });

  it('is not done until a finish reason arrives: an early end is a cut stream', () => {
    const events = readGeminiFixtureEvents('stream-text.sse').slice(0, 2);
    const { done } = translate(events);
    assert.equal(done, false);
  });

  it('throws the upstream error sent inside the stream', () => {
    const events = readGeminiFixtureEvents('stream-error-midway.sse');
    const translator = geminiChatDialect.createStreamTranslator(context);
    assert.equal(translator.onEvent(events[0]).length, 2);
    assert.throws(() => translator.onEvent(events[1]), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.status, 503);
      assert.equal(error.code, 'UNAVAILABLE');
      assert.equal(error.retryable, true);
      assert.equal(error.message, 'The model is overloaded. Please try again later.');
      return true;
    });
  });

  it('ends a blocked prompt with a content_filter finish', () => {
    const { chunks, done } = translate([{ data: '{"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},"usageMetadata": {"promptTokenCount": 5,"totalTokenCount": 5}}' }]);
    assert.equal(done, true);
    assert.deepEqual(deltas(chunks), [[{ role: 'assistant', content: '' }, null], [{}, 'content_filter']]);
  });

  it('keeps candidates apart and is done only when every one has finished', () => {
    const translator = geminiChatDialect.createStreamTranslator(context);
    const first = translator.onEvent({ data: JSON.stringify({ candidates: [
      { index: 0, content: { parts: [{ text: 'A' }] }, finishReason: 'STOP' },
      { index: 1, content: { parts: [{ text: 'B' }] } },
    ] }) });
    assert.deepEqual(first.map((chunk) => chunk.choices[0].index), [0, 0, 0, 1, 1]);
    assert.equal(translator.done, false);
    translator.onEvent({ data: JSON.stringify({ candidates: [{ index: 1, content: { parts: [] }, finishReason: 'MAX_TOKENS' }] }) });
    assert.equal(translator.done, true);
  });

  it('rejects an event that is not JSON as an invalid response', () => {
    const translator = geminiChatDialect.createStreamTranslator(context);
    assert.deepEqual(translator.onEvent({ data: '  ' }), []);
    assert.throws(() => translator.onEvent({ data: '{"candidates": [' }), (error: unknown) => error instanceof UpstreamError && error.kind === 'invalid-response');
  });
});
