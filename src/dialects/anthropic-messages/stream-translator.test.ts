import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpstreamError } from '../../errors/upstream-error.ts';
import type { StreamEvent } from '../dialect.ts';
import type { ChatCompletionChunk } from '../openai-chat/types.ts';
import { readFixtureEvents } from './fixtures/read-fixture.ts';
import { anthropicMessagesDialect } from './index.ts';

const context = { requestedModel: 'claude-sonnet-4', nowSeconds: 1_750_000_000, responseId: 'chatcmpl-gateway-1' };

function translate(events: StreamEvent[]) {
  const translator = anthropicMessagesDialect.createStreamTranslator(context);
  const chunks: ChatCompletionChunk[] = [];
  for (const event of events) chunks.push(...translator.onEvent(event));
  const doneBeforeFinish = translator.done;
  chunks.push(...translator.finish());
  return { translator, chunks, doneBeforeFinish };
}

function chunk(delta: object, finishReason: string | null = null) {
  return {
    id: 'chatcmpl-gateway-1',
    object: 'chat.completion.chunk',
    created: 1_750_000_000,
    model: 'claude-sonnet-4-20250514',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

describe('AnthropicMessagesStreamTranslator', () => {
  it('text stream: role chunk, text deltas, finish chunk, then the usage chunk (ping ignored)', () => {
    const { translator, chunks, doneBeforeFinish } = translate(readFixtureEvents('stream-text.sse'));
    const usage = {
      prompt_tokens: 25 + 2048 + 120,
      completion_tokens: 15,
      total_tokens: 25 + 2048 + 120 + 15,
      prompt_tokens_details: { cached_tokens: 2048, cache_creation_tokens: 120 },
      cache_read_input_tokens: 2048,
      cache_creation_input_tokens: 120,
    };
    assert.deepEqual(chunks, [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hello' }),
      chunk({ content: '! How can I help you today?' }),
      chunk({}, 'stop'),
      { id: 'chatcmpl-gateway-1', object: 'chat.completion.chunk', created: 1_750_000_000, model: 'claude-sonnet-4-20250514', choices: [], usage },
    ]);
    assert.equal(doneBeforeFinish, true);
    assert.deepEqual(translator.usage, usage);
  });

  it('two tools: indices 0 and 1, id and name first with empty arguments, arguments reassembled', () => {
    const { chunks, translator } = translate(readFixtureEvents('stream-tool-use.sse'));
    const calls = new Map<number, { id?: string; name?: string; arguments: string }>();
    for (const { choices } of chunks) {
      for (const fragment of choices[0]?.delta.tool_calls ?? []) {
        const call = calls.get(fragment.index) ?? { arguments: '' };
        if (fragment.id !== undefined) {
          assert.equal(call.id, undefined, 'the id comes once');
          assert.equal(fragment.type, 'function');
          assert.equal(fragment.function?.arguments, '');
        }
        call.id ??= fragment.id;
        call.name ??= fragment.function?.name;
        call.arguments += fragment.function?.arguments ?? '';
        calls.set(fragment.index, call);
      }
    }
    assert.deepEqual([...calls.keys()], [0, 1]);
    assert.deepEqual(calls.get(0), { id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', arguments: '{"location": "San Francisco, CA", "unit": "fahrenheit"}' });
    assert.deepEqual(JSON.parse(calls.get(1)!.arguments), { timezone: 'America/Los_Angeles' });
    assert.equal(chunks.map((item) => item.choices[0]?.delta.content ?? '').join(''), "Okay, let's check the weather and the time in San Francisco:");
    assert.equal(chunks.at(-2)?.choices[0].finish_reason, 'tool_calls');
    assert.equal(translator.usage?.completion_tokens, 89);
    assert.equal(translator.usage?.prompt_tokens, 472);
  });

  it('thinking: reasoning_content deltas, the signed block in thinking_blocks, then the text', () => {
    const { chunks, translator } = translate(readFixtureEvents('stream-thinking.sse'));
    const reasoning = chunks.map((item) => item.choices[0]?.delta.reasoning_content ?? '').join('');
    assert.equal(reasoning, 'I need to find the GCD of 1071 and 462 using the Euclidean algorithm.\n\n1071 = 2 × 462 + 147\n462 = 3 × 147 + 21\n147 = 7 × 21 + 0\n\nSo GCD(1071, 462) = 21');
    const signed = chunks.find((item) => item.choices[0]?.delta.thinking_blocks !== undefined);
    assert.deepEqual(signed?.choices[0].delta.thinking_blocks, [{ type: 'thinking', thinking: reasoning, signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds2vj8ydR3AhaVaQTo1LEuyXx2XfW0cMwGgqVzZ4Zf3ZqiSgxgTfy9tLWBXGJ4t1rb7CaqCCtM+gjQiIQG1xCYx0xGkgkjXN7bySOtdA6cS/mDh2E0h0=' }]);
    assert.equal(chunks.map((item) => item.choices[0]?.delta.content ?? '').join(''), 'The greatest common divisor of 1071 and 462 is **21**.');
    assert.equal(translator.usage?.completion_tokens, 187);
    assert.equal(translator.usage?.prompt_tokens, 52);
  });

  it('the JSON-answer tool streams as content and finishes with stop', () => {
    const { chunks } = translate(readFixtureEvents('stream-json-tool.sse'));
    assert.equal(chunks.some((item) => item.choices[0]?.delta.tool_calls !== undefined), false);
    assert.deepEqual(JSON.parse(chunks.map((item) => item.choices[0]?.delta.content ?? '').join('')), { city: 'Paris', temperature_c: 21 });
    assert.equal(chunks.at(-2)?.choices[0].finish_reason, 'stop');
  });

  it('an overloaded error event throws a retryable 529 UpstreamError', () => {
    const events = readFixtureEvents('stream-error-overloaded.sse');
    const translator = anthropicMessagesDialect.createStreamTranslator(context);
    assert.equal(translator.onEvent(events[0]).length, 1);
    assert.deepEqual(translator.onEvent(events[1]), []);
    assert.throws(() => translator.onEvent(events[2]), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.status, 529);
      assert.equal(error.retryable, true);
      assert.equal(error.code, 'overloaded_error');
      assert.equal(error.message, 'Overloaded');
      return true;
    });
    assert.equal(translator.done, false);
  });

  it('reads events by their payload type alone (Bedrock has no event names); unreadable data is a broken stream', () => {
    const events = readFixtureEvents('stream-text.sse').map((event) => ({ data: event.data }));
    const { chunks, doneBeforeFinish } = translate(events);
    assert.equal(chunks.length, 5);
    assert.equal(doneBeforeFinish, true);
    const translator = anthropicMessagesDialect.createStreamTranslator(context);
    assert.throws(() => translator.onEvent({ event: 'message_start', data: '{"type":' }), (error: unknown) => error instanceof UpstreamError && error.kind === 'invalid-response');
    assert.deepEqual(translator.onEvent({ data: '' }), []);
  });
});
