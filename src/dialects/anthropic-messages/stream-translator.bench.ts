// CPU cost of translating Anthropic stream events, after warm-up:
// `node src/dialects/anthropic-messages/stream-translator.bench.ts`.
// Prints µs per upstream event (JSON.parse included) for the Anthropic translator and, for
// comparison, the OpenAI pass-through translator over an OpenAI stream, plus µs per request encode.
import type { ChatDialect, StreamEvent, StreamTranslator } from '../dialect.ts';
import { readFixtureEvents as readOpenAIFixtureEvents } from '../openai-chat/fixtures/read-fixture.ts';
import { openAIChatDialect } from '../openai-chat/index.ts';
import { readFixtureEvents } from './fixtures/read-fixture.ts';
import { anthropicMessagesDialect } from './index.ts';

const STREAMS = 100_000;
const WARM_UP_STREAMS = 10_000;
const context = { requestedModel: 'claude-sonnet-4', nowSeconds: 1_750_000_000, responseId: 'chatcmpl-bench' };

let sink = 0;

function runStreams(dialect: ChatDialect, events: StreamEvent[], streams: number): void {
  for (let stream = 0; stream < streams; stream++) {
    const translator: StreamTranslator = dialect.createStreamTranslator(context);
    for (const event of events) sink += translator.onEvent(event).length;
    sink += translator.finish().length;
  }
}

function measureStream(label: string, dialect: ChatDialect, events: StreamEvent[]): void {
  runStreams(dialect, events, WARM_UP_STREAMS);
  const started = performance.now();
  runStreams(dialect, events, STREAMS);
  const microseconds = ((performance.now() - started) * 1000) / (STREAMS * events.length);
  console.log(`${label}: ${microseconds.toFixed(2)} µs per event (${events.length} events per stream)`);
}

measureStream('anthropic text stream', anthropicMessagesDialect, readFixtureEvents('stream-text.sse'));
measureStream('anthropic tool-use stream', anthropicMessagesDialect, readFixtureEvents('stream-tool-use.sse'));
measureStream('anthropic thinking stream', anthropicMessagesDialect, readFixtureEvents('stream-thinking.sse'));
measureStream('openai text stream, for comparison', openAIChatDialect, readOpenAIFixtureEvents('stream-text.sse'));
measureStream('openai tool-call stream, for comparison', openAIChatDialect, readOpenAIFixtureEvents('stream-tool-calls.sse'));

const request = {
  model: 'claude-sonnet-4',
  messages: [
    { role: 'system' as const, content: 'You are a helpful assistant.' },
    { role: 'user' as const, content: 'What is the weather in Paris?' },
    { role: 'assistant' as const, content: null, tool_calls: [{ id: 'call_1', type: 'function' as const, function: { name: 'get_weather', arguments: '{"location":"Paris"}' } }] },
    { role: 'tool' as const, tool_call_id: 'call_1', content: '21°C, sunny' },
  ],
  tools: [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }],
  temperature: 0.2,
};
const encodeOptions = { upstreamModel: 'claude-sonnet-4-20250514', stream: true };
for (let call = 0; call < 100_000; call++) sink += JSON.stringify(anthropicMessagesDialect.encodeRequest(request, encodeOptions)).length;
const started = performance.now();
for (let call = 0; call < 500_000; call++) sink += JSON.stringify(anthropicMessagesDialect.encodeRequest(request, encodeOptions)).length;
console.log(`anthropic encode + JSON.stringify (4 messages, 1 tool): ${(((performance.now() - started) * 1000) / 500_000).toFixed(2)} µs per request`);
if (Number.isNaN(sink)) console.log('unreachable: keeps the loops from being optimized away');
