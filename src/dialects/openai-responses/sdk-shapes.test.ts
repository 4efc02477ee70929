import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import OpenAI from 'openai';
import type { Response as SdkResponse, ResponseStreamEvent as SdkStreamEvent } from 'openai/resources/responses/responses';
import { encodeServerSentEvent } from '../../upstream/server-sent-events.ts';
import type { ChatCompletion, ChatCompletionChunk } from '../openai-chat/types.ts';
import { chatCompletionToResponse } from './chat-completion-to-response.ts';
import { ResponsesStreamTranslator } from './chat-stream-to-response-events.ts';
import type { ResponsesStreamEvent } from './stream-event-types.ts';
import type { ResponsesRequest, ResponsesResponse } from './types.ts';

/**
 * The SDK's types, minus `output_text`: the SDK computes it on the client, the wire never carries
 * it. Everything else a translated response or event holds must fit the SDK's declarations.
 */
type WireResponse = Omit<SdkResponse, 'output_text'>;
type WireEvent<Event> = Event extends { response: SdkResponse } ? Omit<Event, 'response'> & { response: WireResponse } : Event;
type WireStreamEvent = WireEvent<SdkStreamEvent>;

const request: ResponsesRequest = {
  model: 'claude-sonnet-4-20250514',
  instructions: 'Be brief.',
  input: 'Weather in Oslo, and a greeting?',
  tools: [{ type: 'function', name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true }],
  tool_choice: 'auto',
  reasoning: { effort: 'low', summary: 'auto' },
  text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true } },
  user: 'user-7',
};
const context = { responseId: 'resp_sdkcheck', request, createdAt: 1_750_000_000, completedAt: 1_750_000_002 };

const completion: ChatCompletion = {
  id: 'msg_01', object: 'chat.completion', created: 1_750_000_001, model: 'claude-sonnet-4-20250514',
  choices: [{
    index: 0,
    finish_reason: 'tool_calls',
    message: {
      role: 'assistant', content: 'Hello! Checking.', reasoning_content: 'Greet, then call the tool.',
      tool_calls: [{ id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }],
    },
  }],
  usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70, prompt_tokens_details: { cached_tokens: 10 }, completion_tokens_details: { reasoning_tokens: 8 } },
};

function chunk(delta: ChatCompletionChunk['choices'][number]['delta'], finishReason: 'tool_calls' | null = null): ChatCompletionChunk {
  return { id: 'msg_01', object: 'chat.completion.chunk', created: 1_750_000_001, model: 'claude-sonnet-4-20250514', choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

const chunks: ChatCompletionChunk[] = [
  chunk({ role: 'assistant', reasoning_content: 'Greet, then ' }),
  chunk({ reasoning_content: 'call the tool.' }),
  chunk({ content: 'Hello! ' }),
  chunk({ content: 'Checking.' }),
  chunk({ tool_calls: [{ index: 0, id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }),
  chunk({}, 'tool_calls'),
];

function streamEvents(): ResponsesStreamEvent[] {
  const translator = new ResponsesStreamTranslator({ ...context, nowSeconds: () => context.completedAt });
  return [...chunks.flatMap((entry) => translator.onChunk(entry)), ...translator.finish(completion.usage ?? undefined)];
}

/** An SDK client whose fetch answers with the given body: the SDK parses it as from the API. */
function clientAnswering(body: string, contentType: string): OpenAI {
  return new OpenAI({
    apiKey: 'sk-test',
    baseURL: 'http://gateway.invalid/api',
    fetch: async () => new Response(body, { status: 200, headers: { 'content-type': contentType } }),
  });
}

describe('translated Responses shapes against the openai SDK', () => {
  it('type-checks a response and every stream event against the SDK declarations', () => {
    const response: ResponsesResponse = chatCompletionToResponse(completion, context);
    const events: ResponsesStreamEvent[] = streamEvents();
    // Compile-time checks: `tsc --noEmit` fails if a shape drifts from the SDK's.
    const sdkResponse = response satisfies WireResponse;
    const sdkEvents = events satisfies WireStreamEvent[];
    assert.equal(sdkResponse.object, 'response');
    assert.ok(sdkEvents.length > 0);
    const typesSeen = new Set(events.map((event) => event.type));
    for (const type of ['response.reasoning_summary_text.delta', 'response.output_text.delta', 'response.function_call_arguments.delta', 'response.completed']) {
      assert.ok(typesSeen.has(type as ResponsesStreamEvent['type']), type);
    }
  });

  it('is read by the SDK as a response, output_text computed client-side', async () => {
    const response = chatCompletionToResponse(completion, context);
    const client = clientAnswering(JSON.stringify(response), 'application/json');
    const parsed = await client.responses.create({ model: 'claude-sonnet-4-20250514', input: 'Weather in Oslo, and a greeting?' });
    assert.equal(parsed.output_text, 'Hello! Checking.');
    assert.deepEqual(parsed.output.map((item) => item.type), ['reasoning', 'message', 'function_call']);
    assert.equal(parsed.usage?.input_tokens_details.cached_tokens, 10);
  });

  it('is accumulated by the SDK’s stream helper into the same response as the non-stream translation', async () => {
    const events = streamEvents();
    const body = events.map((event) => encodeServerSentEvent(JSON.stringify(event), event.type)).join('');
    const client = clientAnswering(body, 'text/event-stream');
    const stream = client.responses.stream({ model: 'claude-sonnet-4-20250514', input: 'Weather in Oslo, and a greeting?' });
    const textDeltas: string[] = [];
    stream.on('response.output_text.delta', (event) => textDeltas.push(event.delta));
    const final = await stream.finalResponse();
    assert.deepEqual(textDeltas, ['Hello! ', 'Checking.']);
    assert.equal(final.output_text, 'Hello! Checking.');
    // The stream helper adds its client-side conveniences (`output_text`, `parsed` ...); drop them.
    const clientSideFields = new Set(['output_text', 'output_parsed', 'parsed', 'parsed_arguments']);
    const wire = JSON.parse(JSON.stringify(final, (key, value) => (clientSideFields.has(key) ? undefined : value)));
    assert.deepEqual(wire, JSON.parse(JSON.stringify(chatCompletionToResponse(completion, context))));
  });
});
