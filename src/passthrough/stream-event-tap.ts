import { createParser, type EventSourceParser } from 'eventsource-parser';
import { JsonArrayElementSplitter } from './json-array-elements.ts';

/** How a native stream is framed: Server-Sent Events, or one JSON array sent piece by piece. */
export type StreamFraming = 'sse' | 'json-array';

/**
 * Reads events from a copy of the stream's bytes, fed chunk by chunk after each chunk has gone to
 * the client. SSE is decoded by eventsource-parser, the decoder behind readServerSentEvents
 * (CRLF, multi-line data, comments, `event:` lines), fed by push here because the bytes are
 * forwarded first and read second.
 */
export class StreamEventTap {
  readonly #decoder = new TextDecoder();
  readonly #parser: EventSourceParser | undefined;
  readonly #splitter: JsonArrayElementSplitter | undefined;
  readonly #onData: (data: string) => void;

  constructor(framing: StreamFraming, onData: (data: string) => void) {
    this.#onData = onData;
    if (framing === 'sse') this.#parser = createParser({ onEvent: (message) => onData(message.data) });
    else this.#splitter = new JsonArrayElementSplitter();
  }

  feed(chunk: Uint8Array | string): void {
    this.#take(typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true }));
  }

  /** The stream ended: a last SSE event without its blank line still counts (as in readServerSentEvents). */
  end(): void {
    this.#take(this.#decoder.decode());
    this.#parser?.feed('\n\n');
  }

  #take(text: string): void {
    if (text === '') return;
    if (this.#parser !== undefined) return this.#parser.feed(text);
    for (const element of this.#splitter!.feed(text)) this.#onData(element);
  }
}
