import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFixtureEvents } from '../openai-chat/fixtures/read-fixture.ts';
import type { ChatCompletionChunk } from '../openai-chat/types.ts';
import { chatCompletionToResponse } from './chat-completion-to-response.ts';
import { ResponsesStreamTranslator } from './chat-stream-to-response-events.ts';
import type { ResponsesStreamEvent } from './stream-event-types.ts';
import type { ResponsesRequest } from './types.ts';

const responseId = 'resp_68c1f0a2';
const createdAt = 1_753_467_889;
const completedAt = 1_753_467_891;

/** Real OpenAI chat stream bytes (openai-chat fixtures), as the chunks the pivot hands over. */
function fixtureChunks(name: string): ChatCompletionChunk[] {
  return readFixtureEvents(name).filter((event) => event.data !== '[DONE]').map((event) => JSON.parse(event.data));
}

function translate(request: ResponsesRequest, chunks: ChatCompletionChunk[]) {
  const translator = new ResponsesStreamTranslator({ responseId, request, createdAt, nowSeconds: () => completedAt });
  const events: ResponsesStreamEvent[] = [];
  for (const chunk of chunks) events.push(...translator.onChunk(chunk));
  events.push(...translator.finish());
  return { translator, events };
}

function chunk(delta: ChatCompletionChunk['choices'][number]['delta'], finishReason: ChatCompletionChunk['choices'][number]['finish_reason'] = null): ChatCompletionChunk {
  return { id: 'msg_01', object: 'chat.completion.chunk', created: createdAt, model: 'claude-sonnet-4-20250514', choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

function assertNumberedInOrder(events: ResponsesStreamEvent[]): void {
  assert.deepEqual(events.map((event) => event.sequence_number), events.map((_event, index) => index));
}

describe('ResponsesStreamTranslator', () => {
  it('streams a text answer as the exact Responses event sequence, ending in the non-stream response', () => {
    const request: ResponsesRequest = { model: 'gpt-4o-mini', input: 'Say hello.', stream: true };
    const { translator, events } = translate(request, fixtureChunks('stream-text.sse'));
    const messageId = 'msg_68c1f0a2_0';
    const address = { item_id: messageId, output_index: 0, content_index: 0 };
    const finalText = 'Hello! How can I help?';
    const finalPart = { type: 'output_text', text: finalText, annotations: [], logprobs: [] };

    assert.deepEqual(events.map((event) => event.type), [
      'response.created', 'response.in_progress',
      'response.output_item.added', 'response.content_part.added',
      'response.output_text.delta', 'response.output_text.delta', 'response.output_text.delta',
      'response.output_text.done', 'response.content_part.done', 'response.output_item.done',
      'response.completed',
    ]);
    assertNumberedInOrder(events);
    assert.deepEqual(events.slice(2, 10), [
      { type: 'response.output_item.added', sequence_number: 2, output_index: 0, item: { type: 'message', id: messageId, status: 'in_progress', role: 'assistant', content: [] } },
      { type: 'response.content_part.added', sequence_number: 3, ...address, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } },
      { type: 'response.output_text.delta', sequence_number: 4, ...address, delta: 'Hello', logprobs: [] },
      { type: 'response.output_text.delta', sequence_number: 5, ...address, delta: '!', logprobs: [] },
      { type: 'response.output_text.delta', sequence_number: 6, ...address, delta: ' How can I help?', logprobs: [] },
      { type: 'response.output_text.done', sequence_number: 7, ...address, text: finalText, logprobs: [] },
      { type: 'response.content_part.done', sequence_number: 8, ...address, part: finalPart },
      { type: 'response.output_item.done', sequence_number: 9, output_index: 0, item: { type: 'message', id: messageId, status: 'completed', role: 'assistant', content: [finalPart] } },
    ]);

    const created = events[0];
    assert.ok(created.type === 'response.created');
    assert.equal(created.response.status, 'in_progress');
    assert.deepEqual(created.response.output, []);
    assert.equal('usage' in created.response, false);

    const completed = events.at(-1);
    assert.ok(completed?.type === 'response.completed');
    const nonStream = chatCompletionToResponse({
      id: 'chatcmpl-BxQ4yZk3mFhT7vN2pR8sL1wD6uE9a', object: 'chat.completion', created: 1_753_467_890, model: 'gpt-4o-mini-2024-07-18',
      choices: [{ index: 0, message: { role: 'assistant', content: finalText }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 9, completion_tokens: 7, total_tokens: 16, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
    }, { responseId, request, createdAt, completedAt });
    assert.deepEqual(completed.response, nonStream);
    assert.deepEqual(translator.response, nonStream);
  });

  it('streams two tool calls as function_call items with their argument deltas', () => {
    const request: ResponsesRequest = { model: 'gpt-4o', input: 'Weather in Paris and Bogotá?', tools: [{ type: 'function', name: 'get_weather', parameters: {} }], stream: true };
    const { events } = translate(request, fixtureChunks('stream-tool-calls.sse'));
    assertNumberedInOrder(events);
    const first = { item_id: 'fc_68c1f0a2_0', output_index: 0 };
    const second = { item_id: 'fc_68c1f0a2_1', output_index: 1 };
    const call = (id: string, callId: string, args: string, status: string) => ({ type: 'function_call', id, call_id: callId, name: 'get_weather', arguments: args, status });
    const parisArguments = '{"location": "Paris, France"}';
    const bogotaArguments = '{"location": "Bogotá, Colombia"}';
    assert.deepEqual(events.slice(2, -1).map(({ sequence_number: _sequence, ...event }) => event), [
      { type: 'response.output_item.added', output_index: 0, item: call('fc_68c1f0a2_0', 'call_DdmO9pD3xa9XTPNJ32zg2hcA', '', 'in_progress') },
      { type: 'response.function_call_arguments.delta', ...first, delta: '{"lo' },
      { type: 'response.function_call_arguments.delta', ...first, delta: 'cation": "P' },
      { type: 'response.function_call_arguments.delta', ...first, delta: 'aris, France"}' },
      { type: 'response.function_call_arguments.done', ...first, arguments: parisArguments },
      { type: 'response.output_item.done', output_index: 0, item: call('fc_68c1f0a2_0', 'call_DdmO9pD3xa9XTPNJ32zg2hcA', parisArguments, 'completed') },
      { type: 'response.output_item.added', output_index: 1, item: call('fc_68c1f0a2_1', 'call_rVx7kQ2mNzT8pL4sW1yB6cHe', '', 'in_progress') },
      { type: 'response.function_call_arguments.delta', ...second, delta: '{"location": ' },
      { type: 'response.function_call_arguments.delta', ...second, delta: '"Bogotá, Colombia"}' },
      { type: 'response.function_call_arguments.done', ...second, arguments: bogotaArguments },
      { type: 'response.output_item.done', output_index: 1, item: call('fc_68c1f0a2_1', 'call_rVx7kQ2mNzT8pL4sW1yB6cHe', bogotaArguments, 'completed') },
    ]);
    const completed = events.at(-1);
    assert.ok(completed?.type === 'response.completed');
    assert.equal(completed.response.status, 'completed');
    assert.deepEqual(completed.response.output.map((item) => item.type === 'function_call' && item.arguments), [parisArguments, bogotaArguments]);
    assert.deepEqual(completed.response.usage, {
      input_tokens: 80, input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 }, output_tokens: 46, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 126,
    });
  });

  it('streams thinking as a reasoning summary item before the message', () => {
    const request: ResponsesRequest = { model: 'claude-sonnet-4-20250514', input: 'What is 6 × 7?', reasoning: { effort: 'low' }, stream: true };
    const { events } = translate(request, [
      chunk({ role: 'assistant', content: '' }),
      chunk({ reasoning_content: 'Multiply ' }),
      chunk({ reasoning_content: '6 by 7.' }),
      chunk({ content: '42.' }),
      chunk({}, 'stop'),
    ]);
    const reasoning = { item_id: 'rs_68c1f0a2_0', output_index: 0, summary_index: 0 };
    assert.deepEqual(events.slice(2, 10).map(({ sequence_number: _sequence, ...event }) => event), [
      { type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning', id: 'rs_68c1f0a2_0', summary: [], status: 'in_progress' } },
      { type: 'response.reasoning_summary_part.added', ...reasoning, part: { type: 'summary_text', text: '' } },
      { type: 'response.reasoning_summary_text.delta', ...reasoning, delta: 'Multiply ' },
      { type: 'response.reasoning_summary_text.delta', ...reasoning, delta: '6 by 7.' },
      { type: 'response.reasoning_summary_text.done', ...reasoning, text: 'Multiply 6 by 7.' },
      { type: 'response.reasoning_summary_part.done', ...reasoning, part: { type: 'summary_text', text: 'Multiply 6 by 7.' } },
      { type: 'response.output_item.done', output_index: 0, item: { type: 'reasoning', id: 'rs_68c1f0a2_0', summary: [{ type: 'summary_text', text: 'Multiply 6 by 7.' }], status: 'completed' } },
      { type: 'response.output_item.added', output_index: 1, item: { type: 'message', id: 'msg_68c1f0a2_1', status: 'in_progress', role: 'assistant', content: [] } },
    ]);
    const completed = events.at(-1);
    assert.ok(completed?.type === 'response.completed');
    assert.deepEqual(completed.response.output.map((item) => item.type), ['reasoning', 'message']);
    assert.equal(completed.response.reasoning.effort, 'low');
  });

  it('ends a length-cut stream with response.incomplete and the open item incomplete', () => {
    const { events } = translate({ model: 'claude-sonnet-4-20250514', input: 'Tell a story.', max_output_tokens: 5 }, [
      chunk({ content: 'Once upon a' }),
      chunk({}, 'length'),
    ]);
    const done = events.find((event) => event.type === 'response.output_item.done');
    assert.equal(done?.type === 'response.output_item.done' && done.item.status, 'incomplete');
    const last = events.at(-1);
    assert.ok(last?.type === 'response.incomplete');
    assert.deepEqual(last.response.incomplete_details, { reason: 'max_output_tokens' });
    assert.equal(last.response.status, 'incomplete');
    assert.equal('completed_at' in last.response, false);
  });

  it('ends a failed stream with response.failed carrying the error and the partial output', () => {
    const translator = new ResponsesStreamTranslator({ responseId, request: { model: 'gemini-2.5-flash', input: 'Hi' }, createdAt });
    const started = translator.start();
    assert.deepEqual(started.map((event) => [event.type, event.sequence_number]), [['response.created', 0], ['response.in_progress', 1]]);
    assert.deepEqual(translator.start(), []);
    const events = [...translator.onChunk(chunk({ content: 'Hel' })), ...translator.failed({ message: 'upstream stream cut', code: 'server_error' })];
    const failed = events.at(-1);
    assert.ok(failed?.type === 'response.failed');
    assert.equal(failed.sequence_number, 5);
    assert.equal(failed.response.status, 'failed');
    assert.deepEqual(failed.response.error, { code: 'server_error', message: 'upstream stream cut' });
    assert.deepEqual(failed.response.output, [{ type: 'message', id: 'msg_68c1f0a2_0', status: 'incomplete', role: 'assistant', content: [{ type: 'output_text', text: 'Hel', annotations: [], logprobs: [] }] }]);
    assert.deepEqual(translator.finish(), [], 'nothing follows the terminal event');
  });
});
