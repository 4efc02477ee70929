import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpstreamError } from '../../errors/upstream-error.ts';
import type { StreamEvent } from '../dialect.ts';
import { readFixtureEvents } from './fixtures/read-fixture.ts';
import { openAIChatDialect } from './index.ts';
import type { ChatCompletionChunk } from './types.ts';

const context = { requestedModel: 'gpt-4o', nowSeconds: 1_750_000_000, responseId: 'chatcmpl-gateway' };

function translate(events: StreamEvent[]) {
  const translator = openAIChatDialect.createStreamTranslator(context);
  const chunks: ChatCompletionChunk[] = [];
  for (const event of events) chunks.push(...translator.onEvent(event));
  chunks.push(...translator.finish());
  return { translator, chunks };
}

describe('OpenAIChatStreamTranslator', () => {
  it('passes each chunk through as parsed, ends at [DONE] and keeps the usage chunk', () => {
    const events = readFixtureEvents('stream-text.sse');
    const { translator, chunks } = translate(events);
    assert.equal(translator.done, true);
    assert.equal(chunks.length, events.length - 1);
    assert.deepEqual(chunks, events.slice(0, -1).map((event) => JSON.parse(event.data)));
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello! How can I help?');
    assert.equal(chunks.at(-2)?.choices[0].finish_reason, 'stop');
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.equal(translator.usage?.prompt_tokens, 9);
    assert.equal(translator.usage?.completion_tokens, 7);
    assert.equal(translator.usage?.total_tokens, 16);
  });

  it('passes tool-call fragments through with their index, id and argument pieces', () => {
    const { translator, chunks } = translate(readFixtureEvents('stream-tool-calls.sse'));
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
    assert.deepEqual([...calls.keys()], [0, 1]);
    assert.equal(calls.get(0)?.id, 'call_DdmO9pD3xa9XTPNJ32zg2hcA');
    assert.deepEqual(JSON.parse(calls.get(0)?.arguments ?? ''), { location: 'Paris, France' });
    assert.deepEqual(JSON.parse(calls.get(1)?.arguments ?? ''), { location: 'Bogotá, Colombia' });
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0].finish_reason, 'tool_calls');
    assert.equal(translator.usage?.total_tokens, 126);
  });

  it("passes Azure's leading prompt_filter_results chunk and content-filter fields through unharmed", () => {
    const events = readFixtureEvents('azure-stream.sse');
    const { translator, chunks } = translate(events);
    assert.deepEqual(chunks, events.slice(0, -1).map((event) => JSON.parse(event.data)));
    assert.deepEqual(chunks[0].choices, []);
    assert.equal((chunks[0].prompt_filter_results as unknown[]).length, 1);
    const choice = chunks[2].choices[0] as { content_filter_results?: unknown };
    assert.deepEqual(choice.content_filter_results, JSON.parse(events[2].data).choices[0].content_filter_results);
    assert.equal(translator.usage?.total_tokens, 22);
    assert.equal(translator.done, true);
  });

  it('throws a retryable 500 UpstreamError for an error event mid-stream', () => {
    const events = readFixtureEvents('stream-error-midway.sse');
    const translator = openAIChatDialect.createStreamTranslator(context);
    assert.equal(translator.onEvent(events[0]).length, 1);
    assert.equal(translator.onEvent(events[1]).length, 1);
    assert.throws(() => translator.onEvent(events[2]), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.kind, 'http');
      assert.equal(error.status, 500);
      assert.equal(error.retryable, true);
      assert.equal(error.type, 'server_error');
      assert.equal(error.message, 'The server had an error while processing your request. Sorry about that!');
      return true;
    });
    assert.equal(translator.done, false);
  });

  it("takes the status from OpenRouter's numeric error code", () => {
    const events = readFixtureEvents('openrouter-stream-error.sse');
    const translator = openAIChatDialect.createStreamTranslator(context);
    assert.equal(events.length, 2, 'the SSE comment is no event');
    translator.onEvent(events[0]);
    assert.throws(() => translator.onEvent(events[1]), (error: unknown) =>
      error instanceof UpstreamError && error.status === 502 && error.code === '502' && error.retryable
      && error.message === 'Provider disconnected unexpectedly');
  });

  it('reads a non-retryable status named in the error event', () => {
    const translator = openAIChatDialect.createStreamTranslator(context);
    const data = JSON.stringify({ error: { object: 'error', message: 'prompt too long', type: 'BadRequestError', param: null, code: 400 } });
    assert.throws(() => translator.onEvent({ data }), (error: unknown) =>
      error instanceof UpstreamError && error.status === 400 && !error.retryable && error.type === 'BadRequestError');
  });

  it('throws invalid-response for an event that is not JSON', () => {
    const translator = openAIChatDialect.createStreamTranslator(context);
    assert.throws(() => translator.onEvent({ data: '{"id":"chatcmpl-1","choi' }), (error: unknown) =>
      error instanceof UpstreamError && error.kind === 'invalid-response' && error.retryable);
    assert.throws(() => translator.onEvent({ data: '42' }), (error: unknown) =>
      error instanceof UpstreamError && error.kind === 'invalid-response');
  });

  it('tolerates blank events and a padded [DONE]', () => {
    const translator = openAIChatDialect.createStreamTranslator(context);
    assert.deepEqual(translator.onEvent({ data: '' }), []);
    assert.deepEqual(translator.onEvent({ data: ' [DONE] ' }), []);
    assert.equal(translator.done, true);
  });

  it('keeps usage from the finishing chunk and does not let a later null erase it', () => {
    const translator = openAIChatDialect.createStreamTranslator(context);
    translator.onEvent({ data: '{"id":"a","object":"chat.completion.chunk","created":1,"model":"mistral-small","choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"total_tokens":7,"completion_tokens":2}}' });
    translator.onEvent({ data: '{"id":"a","object":"chat.completion.chunk","created":1,"model":"mistral-small","choices":[],"usage":null}' });
    assert.deepEqual(translator.usage, { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 });
  });

  it("reads Groq's x_groq.usage", () => {
    const translator = openAIChatDialect.createStreamTranslator(context);
    translator.onEvent({ data: '{"id":"chatcmpl-8566e76f","object":"chat.completion.chunk","created":1716131679,"model":"llama3-8b-8192","system_fingerprint":"fp_179b0f92c9","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"x_groq":{"id":"req_01hy8ppkajfqk987jv2vx88m9r","usage":{"queue_time":0.07535312,"prompt_tokens":23,"prompt_time":0.006,"completion_tokens":19,"completion_time":0.022,"total_tokens":42,"total_time":0.028}}}' });
    assert.equal(translator.usage?.total_tokens, 42);
  });
});
