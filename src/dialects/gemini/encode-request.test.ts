import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../errors/gateway-error.ts';
import type { ChatCompletionRequest } from '../openai-chat/types.ts';
import { geminiChatDialect } from './index.ts';

const options = { upstreamModel: 'gemini-2.5-flash', stream: false };

function encode(request: Partial<ChatCompletionRequest>, upstreamModel = options.upstreamModel): Record<string, unknown> {
  return geminiChatDialect.encodeRequest({ model: 'gemini-2.5-flash', messages: [], ...request }, { ...options, upstreamModel }) as Record<string, unknown>;
}

function assertInvalid(run: () => unknown, param: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof GatewayError);
    assert.equal(error.status, 400);
    assert.equal(error.param, param);
    return true;
  });
}

describe('encodeGeminiRequest', () => {
  it('sends only contents for a bare conversation: no invented parameters', () => {
    assert.deepEqual(encode({ messages: [{ role: 'user', content: 'Hi' }] }), {
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
    });
  });

  it('moves system and developer messages into systemInstruction and maps roles', () => {
    const body = encode({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Bonjour' },
        { role: 'user', content: 'Thanks' },
      ],
    });
    assert.deepEqual(body.systemInstruction, { parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] });
    assert.deepEqual(body.contents, [
      { role: 'user', parts: [{ text: 'Hello' }] },
      { role: 'model', parts: [{ text: 'Bonjour' }] },
      { role: 'user', parts: [{ text: 'Thanks' }] },
    ]);
  });

  it('merges consecutive messages of the same role', () => {
    const body = encode({ messages: [{ role: 'user', content: 'One' }, { role: 'user', content: 'Two' }] });
    assert.deepEqual(body.contents, [{ role: 'user', parts: [{ text: 'One' }, { text: 'Two' }] }]);
  });

  it('sends data URLs as inlineData and gs:// URIs as fileData', () => {
    const body = encode({
      messages: [{
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'gs://bucket/photo.JPG' } },
          { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=' } },
        ],
      }],
    });
    assert.deepEqual(body.contents, [{
      role: 'user',
      parts: [
        { text: 'Compare these' },
        { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
        { fileData: { mimeType: 'image/jpeg', fileUri: 'gs://bucket/photo.JPG' } },
        { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } },
        { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
      ],
    }]);
  });

  it('refuses a data URL that is not base64, naming the part', () => {
    assertInvalid(() => encode({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png,abc' } }] }] }), 'messages[0].content[0].image_url.url');
  });

  it('round-trips tool calls and results: functionCall args parsed, functionResponse named by the call', () => {
    const body = encode({
      messages: [
        { role: 'user', content: 'Weather in Paris and Bogotá?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
            { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: '{"temperature":21}' },
        { role: 'tool', tool_call_id: 'call_b', content: '10:00' },
      ],
    });
    assert.deepEqual(body.contents, [
      { role: 'user', parts: [{ text: 'Weather in Paris and Bogotá?' }] },
      { role: 'model', parts: [
        { functionCall: { name: 'get_weather', args: { location: 'Paris' } } },
        { functionCall: { name: 'get_time', args: {} } },
      ] },
      { role: 'user', parts: [
        { functionResponse: { name: 'get_weather', response: { output: { temperature: 21 } } } },
        { functionResponse: { name: 'get_time', response: { output: '10:00' } } },
      ] },
    ]);
  });

  it('sends the thought signature back from the tool call extension', () => {
    const body = encode({
      messages: [{
        role: 'assistant',
        tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'f', arguments: '{}' }, extra_content: { google: { thought_signature: 'c2ln' } } } as never],
      }],
    });
    assert.deepEqual(body.contents, [{ role: 'model', parts: [{ functionCall: { name: 'f', args: {} }, thoughtSignature: 'c2ln' }] }]);
  });

  it('gives Gemini 3 the documented placeholder signature when the call has none', () => {
    const messages: ChatCompletionRequest['messages'] = [{
      role: 'assistant',
      tool_calls: [
        { id: 'call_a', type: 'function', function: { name: 'f', arguments: '{}' } },
        { id: 'call_b', type: 'function', function: { name: 'g', arguments: '{}' } },
      ],
    }];
    const gemini3 = encode({ messages }, 'gemini-3-pro-preview').contents as Array<{ parts: Array<Record<string, unknown>> }>;
    assert.equal(gemini3[0].parts[0].thoughtSignature, 'skip_thought_signature_validator');
    assert.equal(gemini3[0].parts[1].thoughtSignature, undefined);
    const gemini25 = encode({ messages }).contents as Array<{ parts: Array<Record<string, unknown>> }>;
    assert.equal(gemini25[0].parts[0].thoughtSignature, undefined);
  });

  it('refuses tool-call arguments that are not JSON, naming the param', () => {
    assertInvalid(() => encode({
      messages: [{ role: 'assistant', tool_calls: [{ id: 'x', type: 'function', function: { name: 'f', arguments: '{"a":' } }] }],
    }), 'messages[0].tool_calls[0].function.arguments');
  });

  it('refuses a tool result whose id matches no call', () => {
    assertInvalid(() => encode({ messages: [{ role: 'tool', tool_call_id: 'call_unknown', content: 'x' }] }), 'messages[0].tool_call_id');
  });

  it('maps tools, stripping schema keywords Gemini rejects, and tool_choice', () => {
    const body = encode({
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather',
            strict: true,
            parameters: {
              $schema: 'http://json-schema.org/draft-07/schema#',
              type: 'object',
              properties: { location: { type: 'string' }, unit: { type: ['string', 'null'], enum: ['c', 'f', null] } },
              required: ['location', 'unit'],
              additionalProperties: false,
            },
          },
        },
        { type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
    });
    assert.deepEqual(body.tools, [{
      functionDeclarations: [
        {
          name: 'get_weather',
          description: 'Current weather',
          parameters: {
            type: 'OBJECT',
            properties: { location: { type: 'STRING' }, unit: { type: 'STRING', nullable: true, enum: ['c', 'f'] } },
            required: ['location', 'unit'],
          },
        },
        { name: 'now' },
      ],
    }]);
    assert.deepEqual(body.toolConfig, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } });
  });

  it('maps each tool_choice mode', () => {
    const tools: ChatCompletionRequest['tools'] = [{ type: 'function', function: { name: 'f' } }];
    for (const [choice, mode] of [['auto', 'AUTO'], ['none', 'NONE'], ['required', 'ANY']] as const) {
      assert.deepEqual(encode({ tools, tool_choice: choice }).toolConfig, { functionCallingConfig: { mode } });
    }
    assert.equal(encode({ tools }).toolConfig, undefined);
  });

  it('maps sampling parameters into generationConfig', () => {
    const body = encode({
      messages: [{ role: 'user', content: 'Hi' }],
      max_completion_tokens: 100, max_tokens: 50, temperature: 0.2, top_p: 0.9, stop: 'END', seed: 7, n: 2,
      presence_penalty: 0.5, frequency_penalty: -0.5, response_format: { type: 'json_object' },
    });
    assert.deepEqual(body.generationConfig, {
      maxOutputTokens: 100, temperature: 0.2, topP: 0.9, stopSequences: ['END'], seed: 7, candidateCount: 2,
      presencePenalty: 0.5, frequencyPenalty: -0.5, responseMimeType: 'application/json',
    });
  });

  it('sends a json_schema response format as responseJsonSchema, unchanged', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    const body = encode({ response_format: { type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } } });
    assert.deepEqual(body.generationConfig, { responseMimeType: 'application/json', responseJsonSchema: schema });
  });

  it('maps reasoning_effort to a thinking budget with thought summaries', () => {
    assert.deepEqual(encode({ reasoning_effort: 'low' }).generationConfig, { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } });
    assert.deepEqual(encode({ reasoning_effort: 'medium' }).generationConfig, { thinkingConfig: { thinkingBudget: 8192, includeThoughts: true } });
    assert.deepEqual(encode({ reasoning_effort: 'high' }).generationConfig, { thinkingConfig: { thinkingBudget: 24576, includeThoughts: true } });
    assert.deepEqual(encode({ reasoning_effort: 'none' as never }).generationConfig, { thinkingConfig: { thinkingBudget: 0 } });
    assertInvalid(() => encode({ reasoning_effort: 'extreme' as never }), 'reasoning_effort');
  });
});
