import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../errors/gateway-error.ts';
import type { ChatMessage } from '../openai-chat/types.ts';
import { responsesRequestToChat } from './responses-request-to-chat.ts';
import type { ResponsesRequest } from './types.ts';

function assertBadRequest(request: ResponsesRequest, param: string, message: RegExp): void {
  assert.throws(() => responsesRequestToChat(request), (error: unknown) => {
    assert.ok(error instanceof GatewayError);
    assert.equal(error.status, 400);
    assert.equal(error.param, param);
    assert.match(error.message, message);
    return true;
  });
}

describe('responsesRequestToChat', () => {
  it('turns a string input into one user message and instructions into a leading system message', () => {
    const chat = responsesRequestToChat({
      model: 'claude-sonnet-4-20250514',
      instructions: 'Talk like a pirate.',
      input: 'Are semicolons optional in JavaScript?',
      max_output_tokens: 512,
      temperature: 0.2,
      top_p: 0.9,
      user: 'user-1234',
      metadata: { team: 'search' },
      store: true,
    });
    assert.deepEqual(chat, {
      model: 'claude-sonnet-4-20250514',
      messages: [
        { role: 'system', content: 'Talk like a pirate.' },
        { role: 'user', content: 'Are semicolons optional in JavaScript?' },
      ],
      max_completion_tokens: 512,
      temperature: 0.2,
      top_p: 0.9,
      user: 'user-1234',
    });
  });

  it('maps an item list with images, developer text and a function-call round trip', () => {
    const chat = responsesRequestToChat({
      model: 'gemini-2.5-flash',
      input: [
        { role: 'developer', content: 'Answer in one sentence.' },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is in this image, and what is the weather there?' },
            { type: 'input_image', image_url: 'https://upload.wikimedia.org/boardwalk.jpg', detail: 'low' },
            { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'auto' },
          ],
        },
        { type: 'reasoning', id: 'rs_68af', summary: [{ type: 'summary_text', text: 'The user wants weather.' }] },
        {
          type: 'message', id: 'msg_68af', role: 'assistant', status: 'completed',
          content: [{ type: 'output_text', text: 'A boardwalk in Madison. Let me check.', annotations: [] }],
        },
        { type: 'function_call', id: 'fc_1', call_id: 'call_a', name: 'get_weather', arguments: '{"city":"Madison"}', status: 'completed' },
        { type: 'function_call', id: 'fc_2', call_id: 'call_b', name: 'get_time', arguments: '{"city":"Madison"}', status: 'completed' },
        { type: 'function_call_output', call_id: 'call_a', output: '{"temperature_c":21}' },
        { type: 'function_call_output', call_id: 'call_b', output: [{ type: 'input_text', text: '14:05' }] },
      ],
    });
    const expected: ChatMessage[] = [
      { role: 'developer', content: 'Answer in one sentence.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this image, and what is the weather there?' },
          { type: 'image_url', image_url: { url: 'https://upload.wikimedia.org/boardwalk.jpg', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'auto' } },
        ],
      },
      {
        role: 'assistant',
        content: 'A boardwalk in Madison. Let me check.',
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Madison"}' } },
          { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"city":"Madison"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: '{"temperature_c":21}' },
      { role: 'tool', tool_call_id: 'call_b', content: [{ type: 'text', text: '14:05' }] },
    ];
    assert.deepEqual(chat.messages, expected);
  });

  it('merges consecutive function calls into one assistant message when no text precedes them', () => {
    const chat = responsesRequestToChat({
      model: 'claude-sonnet-4-20250514',
      input: [
        { role: 'user', content: 'Weather in Paris and Oslo?' },
        { type: 'function_call', call_id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call', call_id: 'toolu_2', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { type: 'function_call_output', call_id: 'toolu_1', output: '18C' },
        { type: 'function_call_output', call_id: 'toolu_2', output: '9C' },
      ],
    });
    assert.equal(chat.messages.length, 4);
    assert.deepEqual(chat.messages[1], {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
      ],
    });
  });

  it('maps function tools to chat’s nested shape, and tool_choice, parallel_tool_calls', () => {
    const chat = responsesRequestToChat({
      model: 'claude-sonnet-4-20250514',
      input: 'Weather in Boston?',
      tools: [{
        type: 'function',
        name: 'get_current_weather',
        description: 'Get the current weather in a given location',
        parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
        strict: true,
      }],
      tool_choice: { type: 'function', name: 'get_current_weather' },
      parallel_tool_calls: false,
    });
    assert.deepEqual(chat.tools, [{
      type: 'function',
      function: {
        name: 'get_current_weather',
        description: 'Get the current weather in a given location',
        parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
        strict: true,
      },
    }]);
    assert.deepEqual(chat.tool_choice, { type: 'function', function: { name: 'get_current_weather' } });
    assert.equal(chat.parallel_tool_calls, false);

    for (const choice of ['none', 'auto', 'required'] as const) {
      assert.equal(responsesRequestToChat({ model: 'm', input: 'x', tool_choice: choice }).tool_choice, choice);
    }
  });

  it('narrows the tool list for an allowed_tools choice', () => {
    const tool = (name: string) => ({ type: 'function' as const, name, parameters: { type: 'object', properties: {} }, strict: null });
    const chat = responsesRequestToChat({
      model: 'm',
      input: 'x',
      tools: [tool('search'), tool('fetch'), tool('delete')],
      tool_choice: { type: 'allowed_tools', mode: 'required', tools: [{ type: 'function', name: 'search' }, { type: 'function', name: 'fetch' }] },
    });
    assert.deepEqual(chat.tools?.map((entry) => entry.function.name), ['search', 'fetch']);
    assert.equal(chat.tool_choice, 'required');
    assert.equal(chat.tools?.[0].function.strict, undefined);
  });

  it('maps text.format json_schema, json_object and text to response_format', () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, date: { type: 'string' } }, required: ['name', 'date'], additionalProperties: false };
    const chat = responsesRequestToChat({
      model: 'gemini-2.5-flash',
      input: 'Alice and Bob are going to a science fair on Friday.',
      text: { format: { type: 'json_schema', name: 'calendar_event', description: 'An event', schema, strict: true } },
    });
    assert.deepEqual(chat.response_format, {
      type: 'json_schema',
      json_schema: { name: 'calendar_event', description: 'An event', schema, strict: true },
    });
    assert.deepEqual(responsesRequestToChat({ model: 'm', input: 'x', text: { format: { type: 'json_object' } } }).response_format, { type: 'json_object' });
    assert.deepEqual(responsesRequestToChat({ model: 'm', input: 'x', text: { format: { type: 'text' } } }).response_format, { type: 'text' });
  });

  it('maps reasoning.effort, stream (asking for usage) and safety_identifier', () => {
    const chat = responsesRequestToChat({
      model: 'claude-sonnet-4-20250514', input: 'x', reasoning: { effort: 'medium', summary: 'auto' }, stream: true, safety_identifier: 'hash-42',
    });
    assert.equal(chat.reasoning_effort, 'medium');
    assert.equal(chat.stream, true);
    assert.deepEqual(chat.stream_options, { include_usage: true });
    assert.equal(chat.user, 'hash-42');
    assert.equal(responsesRequestToChat({ model: 'm', input: 'x', reasoning: { effort: 'none' } }).reasoning_effort, undefined);
    assert.equal(responsesRequestToChat({ model: 'm', input: 'x', reasoning: { effort: 'xhigh' } }).reasoning_effort, 'high');
    assert.equal('stream' in responsesRequestToChat({ model: 'm', input: 'x', stream: false }), false);
  });

  it('puts previous turns after the instructions and before the new input', () => {
    const previousTurns: ChatMessage[] = [
      { role: 'user', content: 'Tell me a joke.' },
      { role: 'assistant', content: 'Why did the chicken cross the road?' },
    ];
    const chat = responsesRequestToChat(
      { model: 'claude-sonnet-4-20250514', instructions: 'Be brief.', input: 'Why?', previous_response_id: 'resp_1' },
      { previousTurns },
    );
    assert.deepEqual(chat.messages, [
      { role: 'system', content: 'Be brief.' },
      ...previousTurns,
      { role: 'user', content: 'Why?' },
    ]);
  });

  it('refuses built-in tools, naming the tool type', () => {
    assertBadRequest(
      { model: 'claude-sonnet-4-20250514', input: 'news?', tools: [{ type: 'function', name: 'f', parameters: {} }, { type: 'web_search' }] },
      'tools[1].type',
      /'web_search' tool is only available on OpenAI models/,
    );
    assertBadRequest({ model: 'm', input: 'x', tool_choice: { type: 'file_search' } }, 'tool_choice.type', /'file_search'/);
  });

  it('refuses what only OpenAI can resolve: file ids, item references, stored prompts', () => {
    assertBadRequest(
      { model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-abc', detail: 'auto' }] }] },
      'input[0].content[0].file_id',
      /only supported by OpenAI models/,
    );
    assertBadRequest({ model: 'm', input: [{ type: 'item_reference', id: 'msg_1' } as never] }, 'input[0].type', /'item_reference'/);
    assertBadRequest({ model: 'm', input: 'x', prompt: { id: 'pmpt_1' } }, 'prompt', /Stored prompts/);
    assertBadRequest({ model: 'm', input: [{ role: 'tool' as never, content: 'x' }] }, 'input[0].role', /role/);
    assertBadRequest({ model: 'm', input: [{ type: 'function_call_output', output: 'x' } as never] }, 'input[0].call_id', /call_id/);
  });

  it('passes inline files as chat file parts', () => {
    const chat = responsesRequestToChat({
      model: 'm',
      input: [{ role: 'user', content: [{ type: 'input_file', filename: 'draft.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' }] }],
    });
    assert.deepEqual(chat.messages[0].content, [{ type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'draft.pdf' } }]);
  });
});
