import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../errors/gateway-error.ts';
import type { ChatCompletionRequest } from '../openai-chat/types.ts';
import { encodeAnthropicMessagesRequest, type AnthropicBodyFlavor } from './encode-request.ts';

const SONNET_4 = 'claude-sonnet-4-20250514';
const SONNET_4_5 = 'claude-sonnet-4-5-20250929';

function encode(request: Partial<ChatCompletionRequest>, options: { upstreamModel?: string; stream?: boolean; bodyFlavor?: AnthropicBodyFlavor } = {}) {
  return encodeAnthropicMessagesRequest(
    { model: 'claude', messages: [{ role: 'user', content: 'Hello' }], ...request },
    { upstreamModel: options.upstreamModel ?? SONNET_4, stream: options.stream ?? false, bodyFlavor: options.bodyFlavor ?? 'api' },
  );
}

function rejects(request: Partial<ChatCompletionRequest>, param: string, upstreamModel?: string): void {
  assert.throws(() => encode(request, { upstreamModel }), (error: unknown) => {
    assert.ok(error instanceof GatewayError);
    assert.equal(error.status, 400);
    assert.equal(error.param, param);
    return true;
  });
}

describe('encodeAnthropicMessagesRequest: body', () => {
  it('sends the model, the default max_tokens and the messages, and nothing the caller did not send', () => {
    assert.deepEqual(encode({}), { model: SONNET_4, max_tokens: 4096, messages: [{ role: 'user', content: 'Hello' }] });
  });

  it('Vertex and Bedrock bodies name no model and carry anthropic_version; Bedrock takes no stream field', () => {
    const vertex = encode({}, { bodyFlavor: 'vertex', stream: true });
    assert.equal('model' in vertex, false);
    assert.equal(vertex.anthropic_version, 'vertex-2023-10-16');
    assert.equal(vertex.stream, true);
    const bedrock = encode({}, { bodyFlavor: 'bedrock', stream: true });
    assert.equal('model' in bedrock, false);
    assert.equal(bedrock.anthropic_version, 'bedrock-2023-05-31');
    assert.equal('stream' in bedrock, false);
  });

  it('maps sampling, stop, user and max tokens', () => {
    const body = encode({ temperature: 0.3, top_p: 0.9, top_k: 40, stop: '\n\nHuman:', user: 'user-42', max_completion_tokens: 900, max_tokens: 50, seed: 7, presence_penalty: 1 });
    assert.equal(body.temperature, 0.3);
    assert.equal(body.top_p, 0.9);
    assert.equal(body.top_k, 40);
    assert.deepEqual(encode({ cache_control: { type: 'ephemeral' } }).cache_control, { type: 'ephemeral' });
    assert.deepEqual(body.stop_sequences, ['\n\nHuman:']);
    assert.deepEqual(body.metadata, { user_id: 'user-42' });
    assert.equal(body.max_tokens, 900, 'max_completion_tokens wins over the older max_tokens');
    assert.equal('seed' in body || 'presence_penalty' in body, false);
    assert.deepEqual(encode({ stop: ['END', 'STOP'], max_tokens: 50 }).stop_sequences, ['END', 'STOP']);
    assert.equal(encode({ max_tokens: 50 }).max_tokens, 50);
  });

  it('refuses n > 1', () => rejects({ n: 2 }, 'n'));
});

describe('encodeAnthropicMessagesRequest: messages', () => {
  it('lifts system and developer messages into system, as a string or as blocks', () => {
    assert.equal(encode({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] }).system, 'Be brief.');
    const body = encode({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'developer', content: [{ type: 'text', text: 'Long policy', cache_control: { type: 'ephemeral' } } as never] },
      ],
    });
    assert.deepEqual(body.system, [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'Long policy', cache_control: { type: 'ephemeral' } }]);
    assert.deepEqual(body.messages, [{ role: 'user', content: 'Hi' }]);
  });

  it('merges consecutive same-role messages so turns alternate, and drops empty ones', () => {
    const body = encode({
      messages: [
        { role: 'user', content: 'First' },
        { role: 'user', content: [{ type: 'text', text: 'Second' }] },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'Third' },
        { role: 'assistant', content: 'Answer' },
      ],
    });
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ type: 'text', text: 'First' }, { type: 'text', text: 'Second' }, { type: 'text', text: 'Third' }] },
      { role: 'assistant', content: 'Answer' },
    ]);
  });

  it('sends image URLs as url sources and data URLs as base64 sources, keeping cache_control', () => {
    const body = encode({
      messages: [{
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these' },
          { type: 'image_url', image_url: { url: 'https://upload.wikimedia.org/ant.jpg', detail: 'high' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' }, cache_control: { type: 'ephemeral' } } as never,
        ],
      }],
    });
    assert.deepEqual(body.messages[0].content, [
      { type: 'text', text: 'Compare these' },
      { type: 'image', source: { type: 'url', url: 'https://upload.wikimedia.org/ant.jpg' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' }, cache_control: { type: 'ephemeral' } },
    ]);
  });

  it('sends a PDF file part as a document', () => {
    const body = encode({ messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0x' } }] }] });
    assert.deepEqual(body.messages[0].content, [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' } }]);
  });

  it('refuses images it cannot send, naming the part', () => {
    rejects({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'gs://bucket/cat.png' } }] }] }, 'messages[0].content[0].image_url.url');
    rejects({ messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'image_url', image_url: { url: 'data:image/png,rawbytes' } }] }] }, 'messages[0].content[1].image_url.url');
    rejects({ messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAA', format: 'wav' } }] }] }, 'messages[0].content[0].type');
  });

  it('turns assistant tool calls into tool_use blocks and tool messages into one user turn of tool_result blocks', () => {
    const body = encode({
      messages: [
        { role: 'user', content: 'Weather and time in Paris?' },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
            { id: 'call.2', type: 'function', function: { name: 'get_time', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '21°C, sunny' },
        { role: 'tool', tool_call_id: 'call.2', content: [{ type: 'text', text: '14:05' }] },
        { role: 'user', content: 'Thanks, and tomorrow?' },
      ],
    });
    assert.deepEqual(body.messages, [
      { role: 'user', content: 'Weather and time in Paris?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { location: 'Paris' } },
          { type: 'tool_use', id: 'call_2', name: 'get_time', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: '21°C, sunny' },
          { type: 'tool_result', tool_use_id: 'call_2', content: [{ type: 'text', text: '14:05' }] },
          { type: 'text', text: 'Thanks, and tomorrow?' },
        ],
      },
    ]);
  });

  it('refuses tool call arguments that are not a JSON object, naming them', () => {
    const call = (args: string) => ({
      messages: [
        { role: 'user' as const, content: 'Hi' },
        { role: 'assistant' as const, content: null, tool_calls: [{ id: 'call_1', type: 'function' as const, function: { name: 'f', arguments: args } }] },
      ],
    });
    rejects(call('{"location": '), 'messages[1].tool_calls[0].function.arguments');
    rejects(call('[1, 2]'), 'messages[1].tool_calls[0].function.arguments');
  });

  it('sends thinking blocks carried back in thinking_blocks before the tool calls', () => {
    const thinking = { type: 'thinking', thinking: 'Need the weather.', signature: 'EqQBCgIYAh' };
    const body = encode({
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: null, thinking_blocks: [thinking], tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
      ],
    });
    assert.deepEqual(body.messages[1].content, [thinking, { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }]);
  });
});

describe('encodeAnthropicMessagesRequest: tools', () => {
  const tools = [
    { type: 'function' as const, function: { name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] }, strict: true } },
    { type: 'function' as const, function: { name: 'get_time' } },
  ];

  it('maps function tools to name, description and input_schema; strict only where supported', () => {
    assert.deepEqual(encode({ tools }).tools, [
      { name: 'get_weather', description: 'Current weather', input_schema: tools[0].function.parameters },
      { name: 'get_time', input_schema: { type: 'object', properties: {} } },
    ]);
    assert.equal(encode({ tools }, { upstreamModel: SONNET_4_5 }).tools?.[0].strict, true);
  });

  it('maps every tool_choice and parallel_tool_calls: false', () => {
    assert.deepEqual(encode({ tools, tool_choice: 'auto' }).tool_choice, { type: 'auto' });
    assert.deepEqual(encode({ tools, tool_choice: 'required' }).tool_choice, { type: 'any' });
    assert.deepEqual(encode({ tools, tool_choice: 'none' }).tool_choice, { type: 'none' });
    assert.deepEqual(encode({ tools, tool_choice: { type: 'function', function: { name: 'get_time' } } }).tool_choice, { type: 'tool', name: 'get_time' });
    assert.deepEqual(encode({ tools, parallel_tool_calls: false }).tool_choice, { type: 'auto', disable_parallel_tool_use: true });
    assert.deepEqual(encode({ tools, tool_choice: 'required', parallel_tool_calls: false }).tool_choice, { type: 'any', disable_parallel_tool_use: true });
    assert.equal('tool_choice' in encode({ tools }), false);
    rejects({ tools, tool_choice: 'sometimes' as never }, 'tool_choice');
  });
});

describe('encodeAnthropicMessagesRequest: reasoning and JSON output', () => {
  it('reasoning_effort on a budget model: thinking with a budget, and max_tokens above it', () => {
    assert.deepEqual(encode({ reasoning_effort: 'low' }).thinking, { type: 'enabled', budget_tokens: 2048 });
    const high = encode({ reasoning_effort: 'high' });
    assert.deepEqual(high.thinking, { type: 'enabled', budget_tokens: 16384 });
    assert.equal(high.max_tokens, 16384 + 4096);
    const capped = encode({ reasoning_effort: 'high', max_completion_tokens: 6000 });
    assert.deepEqual(capped.thinking, { type: 'enabled', budget_tokens: 3000 });
    assert.equal(capped.max_tokens, 6000);
    rejects({ reasoning_effort: 'low', max_tokens: 1000 }, 'max_tokens');
    rejects({ reasoning_effort: 'extreme' as never }, 'reasoning_effort');
    assert.equal('thinking' in encode({ reasoning_effort: 'none' as never }), false);
  });

  it('reasoning_effort on an adaptive model: adaptive thinking with an effort', () => {
    const body = encode({ reasoning_effort: 'minimal' }, { upstreamModel: 'claude-opus-4-7' });
    assert.deepEqual(body.thinking, { type: 'adaptive' });
    assert.deepEqual(body.output_config, { effort: 'low' });
  });

  it("passes the caller's own thinking object through", () => {
    const body = encode({ thinking: { type: 'enabled', budget_tokens: 5000 }, reasoning_effort: 'high' });
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 5000 });
    assert.equal(body.max_tokens, 5000 + 4096);
  });

  const weather = { type: 'json_schema' as const, json_schema: { name: 'weather_report', schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } } };

  it('json_schema uses structured outputs where the model has them', () => {
    const body = encode({ response_format: weather }, { upstreamModel: SONNET_4_5 });
    assert.deepEqual(body.output_config, { format: { type: 'json_schema', schema: weather.json_schema.schema } });
    assert.equal('tools' in body, false);
  });

  it('json_schema on an older model: a forced tool named after the schema', () => {
    const body = encode({ response_format: weather });
    assert.deepEqual(body.tools, [{ name: 'json_response__weather_report', description: 'Give the final answer as weather_report: the input of this call is the answer.', input_schema: weather.json_schema.schema }]);
    assert.deepEqual(body.tool_choice, { type: 'tool', name: 'json_response__weather_report' });
    const withThinking = encode({ response_format: weather, reasoning_effort: 'low' });
    assert.equal('tool_choice' in withThinking, false, 'Anthropic refuses forced tools with thinking');
    assert.match(String(withThinking.system), /json_response__weather_report/);
  });

  it('json_object becomes a system instruction after the caller\'s system prompt', () => {
    const body = encode({ response_format: { type: 'json_object' }, messages: [{ role: 'system', content: 'You extract data.' }, { role: 'user', content: 'Hi' }] });
    assert.deepEqual(body.system, [{ type: 'text', text: 'You extract data.' }, { type: 'text', text: 'Respond with a single valid JSON object and nothing else: no prose before or after it, no code fences.' }]);
  });
});
