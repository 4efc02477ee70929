import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatCompletion } from '../openai-chat/types.ts';
import { chatCompletionToResponse } from './chat-completion-to-response.ts';
import { responseOutputToChatMessage } from './response-output-to-chat-message.ts';
import { responseToChatTurns } from './response-to-chat-turns.ts';
import { responseUsageToChatUsage } from './response-usage-to-chat-usage.ts';
import { responsesRequestToChat } from './responses-request-to-chat.ts';
import type { ResponsesRequest } from './types.ts';

function answer(message: ChatCompletion['choices'][number]['message'], finishReason: 'stop' | 'tool_calls'): ChatCompletion {
  return { id: 'msg_01', object: 'chat.completion', created: 1_750_000_000, model: 'claude-sonnet-4-20250514', choices: [{ index: 0, message, finish_reason: finishReason }] };
}

/** A natively served OpenAI response, shaped as the API reference documents it. */
const nativeResponse = {
  id: 'resp_0bc89794b805f805',
  object: 'response',
  created_at: 1_753_000_000,
  status: 'completed',
  model: 'gpt-4.1-2025-04-14',
  output: [
    { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Search first.' }, { type: 'summary_text', text: 'Then answer.' }] },
    { id: 'ws_1', type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'positive news' } },
    { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Otters hold hands.', annotations: [{ type: 'url_citation', start_index: 0, end_index: 6, url: 'https://example.org', title: 'Otters' }], logprobs: [] }] },
    { id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_9', name: 'save_note', arguments: '{"text":"otters"}' },
  ],
  usage: {
    input_tokens: 328, input_tokens_details: { cached_tokens: 128, cache_write_tokens: 64 },
    output_tokens: 52, output_tokens_details: { reasoning_tokens: 20 }, total_tokens: 380,
  },
};

describe('responseOutputToChatMessage', () => {
  it('reads a native response leniently into one assistant message for the log', () => {
    assert.deepEqual(responseOutputToChatMessage(nativeResponse), {
      role: 'assistant',
      content: 'Otters hold hands.',
      reasoning_content: 'Search first.\n\nThen answer.',
      tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'save_note', arguments: '{"text":"otters"}' } }],
    });
    assert.deepEqual(responseOutputToChatMessage({ output: undefined }), { role: 'assistant', content: null });
  });
});

describe('responseUsageToChatUsage', () => {
  it('maps Responses usage to the chat shape used for cost, cache reads and writes included', () => {
    assert.deepEqual(responseUsageToChatUsage(nativeResponse.usage), {
      prompt_tokens: 328,
      completion_tokens: 52,
      total_tokens: 380,
      prompt_tokens_details: { cached_tokens: 128, cache_creation_tokens: 64 },
      completion_tokens_details: { reasoning_tokens: 20 },
    });
    assert.deepEqual(responseUsageToChatUsage({ input_tokens: 5, output_tokens: 2 }), {
      prompt_tokens: 5, completion_tokens: 2, total_tokens: 7, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 },
    });
    assert.equal(responseUsageToChatUsage(null), undefined);
  });
});

describe('responseToChatTurns', () => {
  it('carries a function-call conversation across previous_response_id, without instructions or thinking', () => {
    const firstRequest: ResponsesRequest = {
      model: 'claude-sonnet-4-20250514',
      instructions: 'Be brief.',
      input: 'What is the weather in Oslo?',
      tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
    };
    const firstResponse = chatCompletionToResponse(answer({
      role: 'assistant', content: null, reasoning_content: 'I should call the tool.',
      tool_calls: [{ id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }],
    }, 'tool_calls'), { responseId: 'resp_first', request: firstRequest, createdAt: 1_750_000_000 });
    const firstTurns = responseToChatTurns(firstRequest, firstResponse, []);
    assert.deepEqual(firstTurns, [
      { role: 'user', content: 'What is the weather in Oslo?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
    ]);

    const secondRequest: ResponsesRequest = {
      model: 'claude-sonnet-4-20250514',
      previous_response_id: 'resp_first',
      instructions: 'Be brief.',
      input: [{ type: 'function_call_output', call_id: 'toolu_01', output: '{"temperature_c":9}' }],
    };
    assert.deepEqual(responsesRequestToChat(secondRequest, { previousTurns: firstTurns }).messages, [
      { role: 'system', content: 'Be brief.' },
      ...firstTurns,
      { role: 'tool', tool_call_id: 'toolu_01', content: '{"temperature_c":9}' },
    ]);

    const secondResponse = chatCompletionToResponse(answer({ role: 'assistant', content: 'It is 9 °C in Oslo.' }, 'stop'), {
      responseId: 'resp_second', request: secondRequest, createdAt: 1_750_000_010,
    });
    assert.deepEqual(responseToChatTurns(secondRequest, secondResponse, firstTurns), [
      ...firstTurns,
      { role: 'tool', tool_call_id: 'toolu_01', content: '{"temperature_c":9}' },
      { role: 'assistant', content: 'It is 9 °C in Oslo.' },
    ]);
  });

  it('stores no empty assistant turn when the response produced nothing', () => {
    const request: ResponsesRequest = { model: 'm', input: 'Hi' };
    const response = chatCompletionToResponse(answer({ role: 'assistant', content: '' }, 'stop'), { responseId: 'resp_x', request, createdAt: 1 });
    assert.deepEqual(responseToChatTurns(request, response, []), [{ role: 'user', content: 'Hi' }]);
  });
});
