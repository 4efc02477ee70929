import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../errors/gateway-error.ts';
import type { ChatCompletionRequest } from '../openai-chat/types.ts';
import { bedrockConverseDialect } from './index.ts';
import type { ConverseRequest } from './types.ts';

const CLAUDE = 'anthropic.claude-3-5-sonnet-20240620-v1:0';

function encode(request: Partial<ChatCompletionRequest>, upstreamModel = CLAUDE): ConverseRequest {
  return bedrockConverseDialect.encodeRequest({ model: 'claude', messages: [], ...request } as ChatCompletionRequest, { upstreamModel, stream: false }) as ConverseRequest;
}

function rejectsWithParam(action: () => unknown, param: string): void {
  assert.throws(action, (error: unknown) => error instanceof GatewayError && error.status === 400 && error.param === param);
}

const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } },
};

describe('encodeConverseRequest', () => {
  it('moves system and developer messages to `system`, names no model, and sends only what was given', () => {
    const body = encode({
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'user', content: 'Hi' },
      ],
    });
    assert.deepEqual(body, {
      system: [{ text: 'You are terse.' }, { text: 'Answer in French.' }],
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
    });
  });

  it('maps max tokens, temperature, top_p and stop to inferenceConfig', () => {
    const body = encode({ messages: [{ role: 'user', content: 'Hi' }], max_completion_tokens: 300, max_tokens: 100, temperature: 0.2, top_p: 0.9, stop: 'END', seed: 7, presence_penalty: 1 });
    assert.deepEqual(body.inferenceConfig, { maxTokens: 300, temperature: 0.2, topP: 0.9, stopSequences: ['END'] });
    assert.deepEqual(encode({ messages: [{ role: 'user', content: 'Hi' }], max_tokens: 100, stop: ['a', ''] }).inferenceConfig, { maxTokens: 100, stopSequences: ['a'] });
  });

  it('merges consecutive same-role messages and skips empty ones', () => {
    const body = encode({
      messages: [
        { role: 'user', content: 'First' },
        { role: 'user', content: [{ type: 'text', text: 'Second' }, { type: 'text', text: '' }] },
        { role: 'assistant', content: '' },
        { role: 'assistant', content: 'Answer' },
        { role: 'user', content: 'Third' },
      ],
    });
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ text: 'First' }, { text: 'Second' }] },
      { role: 'assistant', content: [{ text: 'Answer' }] },
      { role: 'user', content: [{ text: 'Third' }] },
    ]);
  });

  it('sends data-URL images as bytes with their format, and refuses other URLs', () => {
    const body = encode({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==' } }] }],
    });
    assert.deepEqual(body.messages[0].content[1], { image: { format: 'jpeg', source: { bytes: '/9j/4AAQSkZJRg==' } } });
    rejectsWithParam(() => encode({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }] }), 'messages[0].content[0].image_url.url');
    rejectsWithParam(() => encode({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/tiff;base64,AAAA' } }] }] }), 'messages[0].content[0].image_url.url');
  });

  it('sends PDF files as document blocks with a valid name', () => {
    const body = encode({ messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'Q3_report.v2.pdf' } }] }] });
    assert.deepEqual(body.messages[0].content[0], { document: { format: 'pdf', name: 'Q3-report-v2', source: { bytes: 'JVBERi0=' } } });
  });

  it('round-trips tool calls and results: toolUse in the assistant turn, toolResults merged into one user turn', () => {
    const body = encode({
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris and Lyon?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
            { id: 'call.2', type: 'function', function: { name: 'get_weather', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
        { role: 'tool', tool_call_id: 'call.2', content: [{ type: 'text', text: 'sunny' }] },
        { role: 'user', content: 'Thanks' },
      ],
    });
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ text: 'Weather in Paris and Lyon?' }] },
      {
        role: 'assistant',
        content: [
          { toolUse: { toolUseId: 'call_1', name: 'get_weather', input: { location: 'Paris' } } },
          { toolUse: { toolUseId: 'call_2', name: 'get_weather', input: {} } },
        ],
      },
      {
        role: 'user',
        content: [
          { toolResult: { toolUseId: 'call_1', content: [{ text: '{"temp":21}' }] } },
          { toolResult: { toolUseId: 'call_2', content: [{ text: 'sunny' }] } },
          { text: 'Thanks' },
        ],
      },
    ]);
  });

  it('maps tools and each tool_choice', () => {
    const messages = [{ role: 'user' as const, content: 'Hi' }];
    const spec = { toolSpec: { name: 'get_weather', description: 'Weather for a city', inputSchema: { json: weatherTool.function.parameters } } };
    assert.deepEqual(encode({ messages, tools: [weatherTool] }).toolConfig, { tools: [spec] });
    assert.deepEqual(encode({ messages, tools: [weatherTool], tool_choice: 'auto' }).toolConfig?.toolChoice, { auto: {} });
    assert.deepEqual(encode({ messages, tools: [weatherTool], tool_choice: 'required' }).toolConfig?.toolChoice, { any: {} });
    assert.deepEqual(encode({ messages, tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'get_weather' } } }).toolConfig?.toolChoice, { tool: { name: 'get_weather' } });
    const noParameters = encode({ messages, tools: [{ type: 'function', function: { name: 'now', strict: true } }] });
    assert.deepEqual(noParameters.toolConfig?.tools[0], { toolSpec: { name: 'now', inputSchema: { json: { type: 'object', properties: {} } }, strict: true } });
  });

  it('leaves tools out for tool_choice none, unless the conversation already uses tools', () => {
    assert.equal(encode({ messages: [{ role: 'user', content: 'Hi' }], tools: [weatherTool], tool_choice: 'none' }).toolConfig, undefined);
    const withHistory = encode({
      tools: [weatherTool],
      tool_choice: 'none',
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ],
    });
    assert.equal(withHistory.toolConfig?.tools.length, 1);
    assert.equal(withHistory.toolConfig?.toolChoice, undefined);
  });

  it('maps json_schema to outputConfig.textFormat and json_object to a system instruction', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    const structured = encode({ messages: [{ role: 'user', content: 'Hi' }], response_format: { type: 'json_schema', json_schema: { name: 'reply', description: 'The reply', schema } } });
    assert.deepEqual(structured.outputConfig, {
      textFormat: { type: 'json_schema', structure: { jsonSchema: { schema: JSON.stringify(schema), name: 'reply', description: 'The reply' } } },
    });
    const jsonObject = encode({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], response_format: { type: 'json_object' } });
    assert.equal(jsonObject.system?.length, 2);
    assert.match((jsonObject.system?.[1] as { text: string }).text, /JSON object/);
    assert.equal(jsonObject.outputConfig, undefined);
  });

  it('turns reasoning_effort into Claude thinking, with room for the answer in maxTokens', () => {
    const body = encode({ messages: [{ role: 'user', content: 'Think' }], reasoning_effort: 'low' }, 'us.anthropic.claude-sonnet-4-20250514-v1:0');
    assert.deepEqual(body.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2048 } });
    assert.equal(body.inferenceConfig?.maxTokens, 4096 + 2048);
    const capped = encode({ messages: [{ role: 'user', content: 'Think' }], reasoning_effort: 'high', max_tokens: 5000 }, 'anthropic.claude-3-7-sonnet-20250219-v1:0');
    assert.deepEqual(capped.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2500 } });
    assert.equal(capped.inferenceConfig?.maxTokens, 5000);
    const adaptive = encode({ messages: [{ role: 'user', content: 'Think' }], reasoning_effort: 'medium' }, 'global.anthropic.claude-opus-4-6-v1:0');
    assert.deepEqual(adaptive.additionalModelRequestFields, { thinking: { type: 'adaptive' }, output_config: { effort: 'medium' } });
  });

  it('turns reasoning_effort into Nova 2 reasoningConfig and leaves other families alone', () => {
    const nova = encode({ messages: [{ role: 'user', content: 'Think' }], reasoning_effort: 'minimal' }, 'us.amazon.nova-2-lite-v1:0');
    assert.deepEqual(nova.additionalModelRequestFields, { reasoningConfig: { type: 'enabled', maxReasoningEffort: 'low' } });
    assert.equal(nova.inferenceConfig, undefined);
    const llama = encode({ messages: [{ role: 'user', content: 'Think' }], reasoning_effort: 'high' }, 'meta.llama3-3-70b-instruct-v1:0');
    assert.equal(llama.additionalModelRequestFields, undefined);
  });

  it('marks cache_control with a cachePoint', () => {
    const body = encode({ messages: [{ role: 'system', content: 'Long policy', cache_control: { type: 'ephemeral' } }, { role: 'user', content: 'Hi' }] });
    assert.deepEqual(body.system, [{ text: 'Long policy' }, { cachePoint: { type: 'default' } }]);
  });

  it('refuses what Converse cannot do', () => {
    rejectsWithParam(() => encode({ messages: [{ role: 'user', content: 'Hi' }], n: 2 }), 'n');
    rejectsWithParam(() => encode({ messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] }] }), 'messages[0].content[0].type');
    rejectsWithParam(() => encode({ messages: [{ role: 'tool', content: 'orphan' }] }), 'messages[0].tool_call_id');
    rejectsWithParam(() => encode({ messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }] }] }), 'messages[0].tool_calls[0].function.arguments');
  });
});
