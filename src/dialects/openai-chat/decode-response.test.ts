import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpstreamError } from '../../errors/upstream-error.ts';
import { decodeOpenAIChatResponse } from './decode-response.ts';
import { readFixture } from './fixtures/read-fixture.ts';

const context = { requestedModel: 'fast', nowSeconds: 1_750_000_000, responseId: 'chatcmpl-gateway' };

describe('decodeOpenAIChatResponse', () => {
  it('keeps an OpenAI chat.completion as it came, unknown fields included', () => {
    const body = JSON.parse(readFixture('chat-completion.json'));
    const completion = decodeOpenAIChatResponse(body, context);
    assert.deepEqual(completion, body);
    assert.equal(completion.service_tier, 'default');
    assert.equal(completion.usage?.total_tokens, 29);
  });

  it('keeps tool calls', () => {
    const completion = decodeOpenAIChatResponse(JSON.parse(readFixture('chat-completion-tool-calls.json')), context);
    assert.equal(completion.choices[0].finish_reason, 'tool_calls');
    assert.equal(completion.choices[0].message.tool_calls?.[0].function.name, 'get_current_weather');
    assert.deepEqual(JSON.parse(completion.choices[0].message.tool_calls?.[0].function.arguments ?? ''), { location: 'Boston, MA' });
  });

  it('fills what a lenient host leaves out', () => {
    const completion = decodeOpenAIChatResponse(
      { choices: [{ message: { content: 'hi' }, finish_reason: null }, null], usage: { prompt_tokens: 3, completion_tokens: null } },
      context,
    );
    assert.equal(completion.id, 'chatcmpl-gateway');
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.created, context.nowSeconds);
    assert.equal(completion.model, 'fast');
    assert.deepEqual(completion.choices[0], { index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: null });
    assert.deepEqual(completion.choices[1], { index: 1, message: { role: 'assistant', content: null }, finish_reason: null });
    assert.deepEqual(completion.usage, { prompt_tokens: 3, completion_tokens: 0, total_tokens: 3 });
  });

  it('tolerates a missing usage and choices', () => {
    const completion = decodeOpenAIChatResponse({ id: 'x', usage: null }, context);
    assert.deepEqual(completion.choices, []);
    assert.equal(completion.usage, undefined);
  });

  it('rejects a body that is not an object', () => {
    assert.throws(() => decodeOpenAIChatResponse('oops', context), (error: unknown) =>
      error instanceof UpstreamError && error.kind === 'invalid-response' && error.status === 502);
  });
});
