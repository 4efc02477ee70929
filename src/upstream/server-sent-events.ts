import { createParser } from 'eventsource-parser';
import type { StreamEvent } from '../dialects/dialect.ts';

/**
 * The one Server-Sent Events codec for every provider (WHATWG HTML §9.2 "event stream"):
 * eventsource-parser handles CRLF/CR/LF line ends, multi-line `data:`, comments and `event:` lines,
 * so no provider splits a stream by its own delimiter.
 */
export async function* readServerSentEvents(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<StreamEvent> {
  const pending: StreamEvent[] = [];
  const parser = createParser({
    onEvent(message) {
      pending.push(message.event === undefined ? { data: message.data } : { event: message.event, data: message.data });
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (pending.length > 0) {
      // Hand events over before reading on: a client sees each chunk as soon as it arrives.
      for (const event of pending) yield event;
      pending.length = 0;
    }
  }
  parser.feed(decoder.decode());
  // A final event without its blank line is incomplete by the spec, but a stream's last line is
  // still worth reading: reset() dispatches nothing, so feed a terminator ourselves.
  parser.feed('\n\n');
  for (const event of pending) yield event;
}

/** One event in wire form; `data` must not contain newlines (JSON.stringify never emits them). */
export function encodeServerSentEvent(data: string, event?: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}
