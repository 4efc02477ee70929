import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpstreamError } from '../../errors/upstream-error.ts';
import { readAwsEventStream } from '../../upstream/aws-event-stream.ts';
import type { StreamEvent } from '../dialect.ts';
import type { ChatCompletionChunk } from '../openai-chat/types.ts';
import { readEventStreamFixtureFrames } from './fixtures/read-fixture.ts';
import { bedrockConverseDialect } from './index.ts';

const context = { requestedModel: 'claude-sonnet-4-20250514', nowSeconds: 1_750_000_000, responseId: 'chatcmpl-gateway' };

/** The fixture's binary frames, through the real event-stream reader, as the gateway reads them. */
async function fixtureEvents(name: string): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  async function* body() {
    for (const frame of readEventStreamFixtureFrames(name)) yield frame;
  }
  for await (const event of readAwsEventStream(body())) events.push(event);
  return events;
}

function translate(events: StreamEvent[]) {
  const translator = bedrockConverseDialect.createStreamTranslator(context);
  const chunks: ChatCompletionChunk[] = [];
  for (const event of events) {
    chunks.push(...translator.onEvent(event));
    if (translator.done) break;
  }
  chunks.push(...translator.finish());
  return { translator, chunks };
}

function contentOf(chunks: ChatCompletionChunk[], field: 'content' | 'reasoning_content'): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta[field] ?? '').join('');
}

describe('ConverseStreamTranslator', () => {
  it('streams text: a role chunk, content deltas, a finish chunk, then the usage chunk', async () => {
    const { translator, chunks } = translate(await fixtureEvents('converse-stream-text.jsonl'));
    assert.equal(translator.done, true);
    assert.deepEqual(chunks[0], {
      id: 'chatcmpl-gateway', object: 'chat.completion.chunk', created: 1_750_000_000, model: 'claude-sonnet-4-20250514',
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    });
    assert.equal(contentOf(chunks, 'content'), 'Hello! How can I help you today?');
    assert.equal(chunks.at(-2)?.choices[0].finish_reason, 'stop');
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.deepEqual(chunks.at(-1)?.usage, { prompt_tokens: 12, completion_tokens: 10, total_tokens: 22, prompt_tokens_details: { cached_tokens: 0, cache_creation_tokens: 0 } });
    assert.deepEqual(translator.usage, chunks.at(-1)?.usage);
  });

  it('reassembles tool calls with stable indices, ids and names first', async () => {
    const { chunks } = translate(await fixtureEvents('converse-stream-tool-use.jsonl'));
    const calls = new Map<number, { id?: string; name?: string; arguments: string }>();
    for (const chunk of chunks) {
      for (const fragment of chunk.choices[0]?.delta.tool_calls ?? []) {
        const call = calls.get(fragment.index) ?? { arguments: '' };
        call.id ??= fragment.id;
        call.name ??= fragment.function?.name;
        call.arguments += fragment.function?.arguments ?? '';
        calls.set(fragment.index, call);
      }
    }
    assert.deepEqual([...calls.entries()], [
      [0, { id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', name: 'get_weather', arguments: '{"location": "Paris, France"}' }],
      [1, { id: 'tooluse_9xq2PqTnQ_2H8c3bXn4e1w', name: 'get_time', arguments: '{"timezone": "Europe/Paris"}' }],
    ]);
    assert.equal(contentOf(chunks, 'content'), "I'll check the weather in Paris for you.");
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0].finish_reason, 'tool_calls');
  });

  it('streams reasoning as reasoning_content and reports cache reads in usage', async () => {
    const { translator, chunks } = translate(await fixtureEvents('converse-stream-reasoning.jsonl'));
    assert.equal(contentOf(chunks, 'reasoning_content'), '17 × 23: 17 × 20 = 340, 17 × 3 = 51, so 391.');
    assert.equal(contentOf(chunks, 'content'), '17 × 23 = 391');
    assert.equal(translator.usage?.prompt_tokens, 22 + 2048);
    assert.equal(translator.usage?.prompt_tokens_details?.cached_tokens, 2048);
  });

  it('maps max_tokens to finish_reason length', async () => {
    const { chunks } = translate(await fixtureEvents('converse-stream-max-tokens.jsonl'));
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0].finish_reason, 'length');
  });

  it('is not done at messageStop: the usage in metadata comes after it', async () => {
    const events = await fixtureEvents('converse-stream-text.jsonl');
    const { translator } = translate(events.slice(0, -1));
    assert.equal(translator.done, false);
    assert.equal(translator.usage, undefined);
  });

  it('throws the exception event as an UpstreamError after the content before it', async () => {
    const translator = bedrockConverseDialect.createStreamTranslator(context);
    const chunks: ChatCompletionChunk[] = [];
    const events = await fixtureEvents('converse-stream-exception.jsonl');
    assert.throws(() => {
      for (const event of events) chunks.push(...translator.onEvent(event));
    }, (error: unknown) => error instanceof UpstreamError && error.status === 502 && error.retryable && error.code === 'ModelStreamErrorException');
    assert.equal(contentOf(chunks, 'content'), 'Hel');
  });

  it('ignores unknown events and rejects unparsable payloads', () => {
    const translator = bedrockConverseDialect.createStreamTranslator(context);
    assert.deepEqual(translator.onEvent({ event: 'somethingNew', data: '{}' }), []);
    assert.throws(() => translator.onEvent({ event: 'contentBlockDelta', data: 'not json' }), (error: unknown) => error instanceof UpstreamError && error.kind === 'invalid-response');
  });
});
