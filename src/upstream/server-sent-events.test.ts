import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeServerSentEvent, readServerSentEvents } from './server-sent-events.ts';

async function collect(chunks: string[]) {
  const events = [];
  async function* source() { for (const chunk of chunks) yield new TextEncoder().encode(chunk); }
  for await (const event of readServerSentEvents(source())) events.push(event);
  return events;
}

test('decodes LF, CRLF and CR framing, comments and event names', async () => {
  const events = await collect([
    ': keep-alive comment\n\n',
    'event: message_start\r\ndata: {"a":1}\r\n\r\n',
    'data: {"b":2}\r\rdata: line one\ndata: line two\n\n',
  ]);
  assert.deepEqual(events, [
    { event: 'message_start', data: '{"a":1}' },
    { data: '{"b":2}' },
    { data: 'line one\nline two' },
  ]);
});

test('reassembles events split across chunks, even inside a multi-byte character', async () => {
  const bytes = new TextEncoder().encode('data: {"text":"héllo"}\n\ndata: [DONE]\n\n');
  async function* source() { for (const byte of bytes) yield Uint8Array.of(byte); }
  const events = [];
  for await (const event of readServerSentEvents(source())) events.push(event);
  assert.deepEqual(events, [{ data: '{"text":"héllo"}' }, { data: '[DONE]' }]);
});

test('reads a last event that lacks its blank line', async () => {
  assert.deepEqual(await collect(['data: 1\n\ndata: 2']), [{ data: '1' }, { data: '2' }]);
});

test('encodes events in wire form', () => {
  assert.equal(encodeServerSentEvent('{"x":1}'), 'data: {"x":1}\n\n');
  assert.equal(encodeServerSentEvent('{}', 'ping'), 'event: ping\ndata: {}\n\n');
});
