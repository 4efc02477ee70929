import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFixture } from '../openai-chat/fixtures/read-fixture.ts';
import type { ChatCompletion } from '../openai-chat/types.ts';
import { chatCompletionToResponse } from './chat-completion-to-response.ts';
import type { ResponsesRequest } from './types.ts';

const request: ResponsesRequest = { model: 'gpt-4.1', input: 'Say hello.' };
const context = { responseId: 'resp_67ccd2bed1ec', request, createdAt: 1_741_569_950, completedAt: 1_741_569_953 };

function completion(message: ChatCompletion['choices'][number]['message'], finishReason: ChatCompletion['choices'][number]['finish_reason'], usage?: ChatCompletion['usage']): ChatCompletion {
  return { id: 'chatcmpl-1', object: 'chat.completion', created: 1_741_569_952, model: 'claude-sonnet-4-20250514', choices: [{ index: 0, message, finish_reason: finishReason }], usage };
}

describe('chatCompletionToResponse', () => {
  it('turns a text completion into a completed response with one message item and usage', () => {
    const chat = JSON.parse(readFixture('chat-completion.json')) as ChatCompletion;
    const response = chatCompletionToResponse(chat, context);
    assert.deepEqual(response, {
      id: 'resp_67ccd2bed1ec',
      object: 'response',
      created_at: 1_741_569_950,
      status: 'completed',
      access_programs: null,
      background: false,
      completed_at: 1_741_569_953,
      error: null,
      incomplete_details: null,
      instructions: null,
      max_output_tokens: null,
      max_tool_calls: null,
      metadata: {},
      model: 'gpt-4.1-2025-04-14',
      output: [{
        type: 'message',
        id: 'msg_67ccd2bed1ec_0',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Hello! How can I assist you today?', annotations: [], logprobs: [] }],
      }],
      parallel_tool_calls: true,
      previous_response_id: null,
      prompt_cache_key: null,
      reasoning: { effort: null, summary: null },
      safety_identifier: null,
      store: true,
      temperature: null,
      text: { format: { type: 'text' } },
      tool_choice: 'auto',
      tools: [],
      top_p: null,
      truncation: 'disabled',
      usage: {
        input_tokens: 19,
        input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
        output_tokens: 10,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 29,
      },
    });
    assert.equal('output_text' in response, false, 'output_text is an SDK convenience, not wire format');
  });

  it('turns tool calls into function_call items and echoes the tool settings', () => {
    const chat = JSON.parse(readFixture('chat-completion-tool-calls.json')) as ChatCompletion;
    const toolRequest: ResponsesRequest = {
      model: 'gpt-4o-mini',
      input: 'Weather in Boston?',
      instructions: 'Use tools.',
      tools: [{ type: 'function', name: 'get_current_weather', parameters: { type: 'object', properties: {} } }],
      tool_choice: 'required',
      parallel_tool_calls: false,
      temperature: 0.3,
      max_output_tokens: 300,
      text: { format: { type: 'json_object' }, verbosity: 'low' },
    };
    const response = chatCompletionToResponse(chat, { ...context, request: toolRequest });
    assert.deepEqual(response.output, [{
      type: 'function_call',
      id: 'fc_67ccd2bed1ec_0',
      call_id: 'call_abc123',
      name: 'get_current_weather',
      arguments: '{\n"location": "Boston, MA"\n}',
      status: 'completed',
    }]);
    assert.equal(response.status, 'completed');
    assert.equal(response.instructions, 'Use tools.');
    assert.deepEqual(response.tools, [{ type: 'function', name: 'get_current_weather', description: null, parameters: { type: 'object', properties: {} }, strict: null }]);
    assert.equal(response.tool_choice, 'required');
    assert.equal(response.parallel_tool_calls, false);
    assert.equal(response.temperature, 0.3);
    assert.equal(response.max_output_tokens, 300);
    assert.deepEqual(response.text, { format: { type: 'json_object' }, verbosity: 'low' });
    assert.equal(response.usage?.input_tokens, 82);
  });

  it('reports a length finish as incomplete for max_output_tokens, the last item unfinished', () => {
    const response = chatCompletionToResponse(completion({ role: 'assistant', content: 'Once upon a' }, 'length'), context);
    assert.equal(response.status, 'incomplete');
    assert.deepEqual(response.incomplete_details, { reason: 'max_output_tokens' });
    assert.equal(response.output[0].status, 'incomplete');
    assert.equal('completed_at' in response, false);
  });

  it('reports a content_filter finish as incomplete for content_filter', () => {
    const response = chatCompletionToResponse(completion({ role: 'assistant', content: '' }, 'content_filter'), context);
    assert.equal(response.status, 'incomplete');
    assert.deepEqual(response.incomplete_details, { reason: 'content_filter' });
    assert.deepEqual(response.output, []);
  });

  it('puts thinking in a reasoning item before the message, with cache and reasoning token counts', () => {
    const response = chatCompletionToResponse(completion(
      { role: 'assistant', content: 'The answer is 42.', reasoning_content: 'The user asks about life. 6 × 7 = 42.' },
      'stop',
      {
        prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500,
        prompt_tokens_details: { cached_tokens: 1000, cache_creation_tokens: 150 },
        completion_tokens_details: { reasoning_tokens: 220 },
      },
    ), context);
    assert.deepEqual(response.output.map((item) => [item.type, item.id]), [['reasoning', 'rs_67ccd2bed1ec_0'], ['message', 'msg_67ccd2bed1ec_1']]);
    assert.deepEqual(response.output[0], {
      type: 'reasoning', id: 'rs_67ccd2bed1ec_0', status: 'completed',
      summary: [{ type: 'summary_text', text: 'The user asks about life. 6 × 7 = 42.' }],
    });
    assert.deepEqual(response.usage, {
      input_tokens: 1200,
      input_tokens_details: { cached_tokens: 1000, cache_write_tokens: 150 },
      output_tokens: 300,
      output_tokens_details: { reasoning_tokens: 220 },
      total_tokens: 1500,
    });
    assert.equal(response.model, 'claude-sonnet-4-20250514');
  });

  it('carries a refusal as a refusal content part and synthesises missing call ids', () => {
    const response = chatCompletionToResponse(completion(
      { role: 'assistant', content: null, refusal: 'I can’t help with that.', tool_calls: [{ id: '', type: 'function', function: { name: 'noop', arguments: '{}' } }] },
      'stop',
    ), context);
    assert.deepEqual(response.output[0], { type: 'message', id: 'msg_67ccd2bed1ec_0', status: 'completed', role: 'assistant', content: [{ type: 'refusal', refusal: 'I can’t help with that.' }] });
    assert.equal(response.output[1].type === 'function_call' && response.output[1].call_id, 'call_67ccd2bed1ec_1');
    assert.equal('usage' in response, false);
  });
});
