import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFixture, readFixtureEvents } from '../dialects/openai-chat/fixtures/read-fixture.ts';
import type { ChatCompletion, ChatCompletionChunk } from '../dialects/openai-chat/types.ts';
import { chunksFromCompletion, completionFromChunks, isCompleteChatStream } from './chat-stream-conversion.ts';

function fixtureChunks(name: string): ChatCompletionChunk[] {
  return readFixtureEvents(name).filter((event) => event.data !== '[DONE]').map((event) => JSON.parse(event.data) as ChatCompletionChunk);
}

describe('completionFromChunks', () => {
  it('rebuilds the completion of a real OpenAI text stream, usage included', () => {
    const completion = completionFromChunks(fixtureChunks('stream-text.sse'));
    assert.deepEqual(completion, {
      id: 'chatcmpl-BxQ4yZk3mFhT7vN2pR8sL1wD6uE9a',
      object: 'chat.completion',
      created: 1753467890,
      model: 'gpt-4o-mini-2024-07-18',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello! How can I help?', refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: {
        prompt_tokens: 9, completion_tokens: 7, total_tokens: 16,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
      service_tier: 'default',
      system_fingerprint: 'fp_34a54ae93c',
    });
  });

  it('reassembles streamed tool calls by index, as the non-stream answer has them', () => {
    const completion = completionFromChunks(fixtureChunks('stream-tool-calls.sse'));
    const message = completion.choices[0].message;
    assert.equal(message.content, null);
    assert.equal(completion.choices[0].finish_reason, 'tool_calls');
    assert.ok(message.tool_calls !== undefined && message.tool_calls.length > 0);
    for (const call of message.tool_calls) {
      assert.match(call.id, /^call_/);
      assert.doesNotThrow(() => JSON.parse(call.function.arguments));
    }
  });

  it('keeps choices apart when n > 1 and concatenates logprob tokens', () => {
    const envelope = { id: 'c', object: 'chat.completion.chunk' as const, created: 1, model: 'm' };
    const completion = completionFromChunks([
      { ...envelope, choices: [{ index: 1, delta: { role: 'assistant', content: 'B' }, finish_reason: null, logprobs: { content: [{ token: 'B' }] } }] },
      { ...envelope, choices: [{ index: 0, delta: { role: 'assistant', content: 'A' }, finish_reason: null, logprobs: { content: [{ token: 'A' }] } }] },
      { ...envelope, choices: [{ index: 0, delta: { content: 'a' }, finish_reason: 'stop', logprobs: { content: [{ token: 'a' }] } }] },
      { ...envelope, choices: [{ index: 1, delta: {}, finish_reason: 'length', logprobs: null }] },
    ]);
    assert.deepEqual(completion.choices.map((choice) => [choice.index, choice.message.content, choice.finish_reason]), [[0, 'Aa', 'stop'], [1, 'B', 'length']]);
    assert.deepEqual(completion.choices[0].logprobs, { content: [{ token: 'A' }, { token: 'a' }] });
  });
});

describe('chunksFromCompletion', () => {
  it('round-trips a streamed answer: stream → completion → stream → the same completion', () => {
    for (const fixture of ['stream-text.sse', 'stream-tool-calls.sse']) {
      const completion = completionFromChunks(fixtureChunks(fixture));
      const chunks = chunksFromCompletion(completion);
      assert.deepEqual(completionFromChunks(chunks), completion, fixture);
      assert.equal(isCompleteChatStream(chunks), true);
      // The usage chunk comes last with no choices, as `stream_options.include_usage` has it.
      assert.deepEqual(chunks.at(-1)?.choices, []);
      assert.deepEqual(chunks.at(-1)?.usage, completion.usage);
    }
  });

  it('round-trips real non-stream completions', () => {
    for (const fixture of ['chat-completion.json', 'chat-completion-tool-calls.json']) {
      const completion = JSON.parse(readFixture(fixture)) as ChatCompletion;
      const rebuilt = completionFromChunks(chunksFromCompletion(completion));
      assert.deepEqual(rebuilt.choices, completion.choices, fixture);
      assert.deepEqual(rebuilt.usage, completion.usage, fixture);
      assert.equal(rebuilt.id, completion.id);
      assert.equal(rebuilt.model, completion.model);
    }
  });
});

describe('isCompleteChatStream', () => {
  it('is false for a stream cut before its finish reason', () => {
    const chunks = fixtureChunks('stream-text.sse');
    assert.equal(isCompleteChatStream(chunks), true);
    assert.equal(isCompleteChatStream(chunks.slice(0, 3)), false);
    assert.equal(isCompleteChatStream([]), false);
  });
});
