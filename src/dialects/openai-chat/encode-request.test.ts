import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeOpenAIChatRequest } from './encode-request.ts';
import type { ChatCompletionRequest } from './types.ts';

const request: ChatCompletionRequest = {
  model: 'fast',
  messages: [{ role: 'user', content: 'Hello' }],
  temperature: 0.2,
};

describe('encodeOpenAIChatRequest', () => {
  it('copies the request with the upstream model and adds nothing else', () => {
    const body = encodeOpenAIChatRequest(request, { upstreamModel: 'gpt-4o-mini', stream: false, wire: {} });
    assert.deepEqual(body, { model: 'gpt-4o-mini', messages: request.messages, temperature: 0.2 });
    assert.equal(request.model, 'fast', 'the caller request is not changed');
    assert.equal(body.messages, request.messages, 'a shallow copy: messages are shared, not cloned');
  });

  it('asks for the usage chunk on streams, keeping other stream options', () => {
    const body = encodeOpenAIChatRequest(
      { ...request, stream: true, stream_options: { include_usage: false, include_obfuscation: false } as never },
      { upstreamModel: 'gpt-4o-mini', stream: true, wire: {} },
    );
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true, include_obfuscation: false });
  });

  it('sends no stream_options when the host rejects them', () => {
    const body = encodeOpenAIChatRequest(
      { ...request, stream: true, stream_options: { include_usage: true } },
      { upstreamModel: 'mistral-small-latest', stream: true, wire: { streamUsageOption: false } },
    );
    assert.equal(body.stream, true);
    assert.equal('stream_options' in body, false);
  });

  it('drops stream_options on a non-streaming call (OpenAI rejects them there)', () => {
    const body = encodeOpenAIChatRequest(
      { ...request, stream: true, stream_options: { include_usage: true } },
      { upstreamModel: 'gpt-4o-mini', stream: false, wire: {} },
    );
    assert.equal(body.stream, false);
    assert.equal('stream_options' in body, false);
  });

  it('renames max_completion_tokens for hosts that only know max_tokens', () => {
    const wire = { maxCompletionTokensAsMaxTokens: true };
    const renamed = encodeOpenAIChatRequest({ ...request, max_completion_tokens: 64 }, { upstreamModel: 'm', stream: false, wire });
    assert.equal(renamed.max_tokens, 64);
    assert.equal('max_completion_tokens' in renamed, false);
    const untouched = encodeOpenAIChatRequest(request, { upstreamModel: 'm', stream: false, wire });
    assert.equal('max_tokens' in untouched, false);
    const kept = encodeOpenAIChatRequest({ ...request, max_completion_tokens: 64 }, { upstreamModel: 'm', stream: false, wire: {} });
    assert.equal(kept.max_completion_tokens, 64);
  });
});
