import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { StreamEvent } from '../dialects/dialect.ts';
import type { ResponsesResponse } from '../dialects/openai-responses/types.ts';
import { readServerSentEvents } from '../upstream/server-sent-events.ts';
import { eventsFromResponse, responseFromEvents } from './responses-stream-conversion.ts';

const fixtures = join(import.meta.dirname, '../dialects/openai-responses/fixtures');

async function fixtureEvents(): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  const text = readFileSync(join(fixtures, 'response-stream.sse'), 'utf8');
  for await (const event of readServerSentEvents((async function* () { yield text; })())) events.push(event);
  return events;
}

describe('responseFromEvents', () => {
  it('reads the response a real OpenAI stream carried in response.completed', async () => {
    const events = await fixtureEvents();
    const response = responseFromEvents(events);
    assert.equal(response?.status, 'completed');
    assert.equal(response?.id, 'resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b');
    assert.ok(response?.usage !== undefined);
  });

  it('is undefined for a stream that was cut or failed', async () => {
    const events = await fixtureEvents();
    assert.equal(responseFromEvents(events.slice(0, -1)), undefined);
    const failed = { event: 'response.failed', data: JSON.stringify({ type: 'response.failed', response: { id: 'resp_1', status: 'failed' } }) };
    assert.equal(responseFromEvents([...events.slice(0, -1), failed]), undefined);
  });
});

describe('eventsFromResponse', () => {
  it('streams a cached plain response: same text, tool calls and usage, ending in response.completed', async () => {
    const original = responseFromEvents(await fixtureEvents()) as ResponsesResponse;
    const events = eventsFromResponse(original, { model: original.model, input: 'Hi' });
    assert.equal(events[0].event, 'response.created');
    assert.equal(events.at(-1)?.event, 'response.completed');
    const sequence = events.map((event) => (JSON.parse(event.data) as { sequence_number: number }).sequence_number);
    assert.deepEqual(sequence, sequence.map((_value, index) => index));
    const replayed = responseFromEvents(events) as ResponsesResponse;
    assert.equal(replayed.id, original.id);
    assert.equal(replayed.model, original.model);
    const text = (response: ResponsesResponse) => response.output.flatMap((item) => (item.type === 'message' ? item.content : []))
      .map((part) => (part.type === 'output_text' ? part.text : '')).join('');
    assert.equal(text(replayed), text(original));
    assert.equal(replayed.usage?.input_tokens, original.usage?.input_tokens);
    assert.equal(replayed.usage?.output_tokens, original.usage?.output_tokens);
    const deltas = events.filter((event) => event.event === 'response.output_text.delta').map((event) => JSON.parse(event.data).delta).join('');
    assert.equal(deltas, text(original));
  });

  it('keeps an incomplete response incomplete and function calls as calls', () => {
    const response = {
      id: 'resp_1', object: 'response', created_at: 1, status: 'incomplete', model: 'gpt-4.1', output: [
        { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' },
      ],
      incomplete_details: { reason: 'max_output_tokens' },
      usage: { input_tokens: 5, output_tokens: 3, total_tokens: 8 },
    } as unknown as ResponsesResponse;
    const final = responseFromEvents(eventsFromResponse(response, { model: 'gpt-4.1' }));
    assert.equal(final?.status, 'incomplete');
    assert.deepEqual(final?.incomplete_details, { reason: 'max_output_tokens' });
    const call = final?.output.find((item) => item.type === 'function_call');
    assert.equal(call?.type === 'function_call' ? call.arguments : undefined, '{"city":"Paris"}');
    assert.equal(call?.type === 'function_call' ? call.call_id : undefined, 'call_1');
  });
});
