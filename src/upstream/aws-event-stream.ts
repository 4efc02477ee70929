import { EventStreamCodec, type Message, type MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { StreamEvent } from '../dialects/dialect.ts';
import { UpstreamError } from '../errors/upstream-error.ts';

/**
 * The AWS event stream encoding (`application/vnd.amazon.eventstream`), which Bedrock's
 * ConverseStream and InvokeModelWithResponseStream answer with. Each message is binary:
 * total length (4 bytes, big-endian), headers length (4), prelude CRC32 (4), headers, payload,
 * message CRC32 (4). Reference: https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html
 * ("Event stream encoding") and the Smithy event stream spec. EventStreamCodec decodes one whole
 * message and checks both CRCs; this module finds message boundaries across network chunks.
 */

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** Prelude (12 bytes) plus message CRC (4): the smallest possible message. */
const MINIMUM_MESSAGE_BYTES = 16;
/** The largest message the format allows (aws-c-event-stream `AWS_EVENT_STREAM_MAX_MESSAGE_SIZE`, 16 MiB). */
const MAXIMUM_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * Decodes an AWS event stream into events: a frame may span chunks and a chunk may hold several
 * frames. Each message becomes `{event, data}` with the payload as UTF-8 text and `event` taken from
 * the headers (Smithy event stream spec, "message-type"):
 * - `:message-type: event` → the `:event-type` header (`contentBlockDelta`, `metadata`, ...);
 * - `:message-type: exception` → `exception:` + `:exception-type` (`exception:throttlingException`);
 * - `:message-type: error` (a failure outside the service's model) → `exception:` + `:error-code`,
 *   with `{"message": :error-message}` as data, so a translator reads every failure the same way.
 * A CRC mismatch or an impossible length is an invalid response; a stream that ends inside a frame
 * was cut.
 */
export async function* readAwsEventStream(body: AsyncIterable<Uint8Array>): AsyncGenerator<StreamEvent> {
  const buffer = new FrameBuffer();
  for await (const chunk of body) {
    buffer.append(chunk);
    for (let frame = buffer.takeFrame(); frame !== undefined; frame = buffer.takeFrame()) {
      yield toStreamEvent(decodeFrame(frame));
    }
  }
  if (buffer.pendingBytes > 0) {
    throw new UpstreamError({
      kind: 'stream-cut',
      status: 502,
      message: `Upstream event stream ended inside a message (${buffer.pendingBytes} bytes left over)`,
      code: 'upstream_stream_cut',
      retryable: true,
    });
  }
}

export interface AwsEventStreamMessage {
  /** String headers, e.g. `{':event-type': 'messageStart', ':content-type': 'application/json', ':message-type': 'event'}`. */
  headers: Record<string, string>;
  payload: string | Uint8Array;
}

/** One message in wire form, for mock upstreams and tests. */
export function encodeAwsEventStreamMessage(message: AwsEventStreamMessage): Uint8Array {
  const headers: MessageHeaders = {};
  for (const [name, value] of Object.entries(message.headers)) headers[name] = { type: 'string', value };
  const body = typeof message.payload === 'string' ? fromUtf8(message.payload) : message.payload;
  return codec.encode({ headers, body });
}

/** Collects bytes and hands out whole frames, as the prelude's total length delimits them. */
class FrameBuffer {
  #chunks: Uint8Array[] = [];
  #length = 0;

  get pendingBytes(): number {
    return this.#length;
  }

  append(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.byteLength;
  }

  takeFrame(): Uint8Array | undefined {
    if (this.#length < 4) return undefined;
    const bytes = this.#joined();
    const totalLength = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);
    if (totalLength < MINIMUM_MESSAGE_BYTES || totalLength > MAXIMUM_MESSAGE_BYTES) {
      throw invalidStream(`a message length of ${totalLength} bytes`);
    }
    if (this.#length < totalLength) return undefined;
    const frame = bytes.subarray(0, totalLength);
    const rest = bytes.subarray(totalLength);
    this.#chunks = rest.byteLength > 0 ? [rest] : [];
    this.#length = rest.byteLength;
    return frame;
  }

  /** One contiguous view; copies only when the bytes arrived in several chunks. */
  #joined(): Uint8Array {
    if (this.#chunks.length === 1) return this.#chunks[0];
    const joined = new Uint8Array(this.#length);
    let offset = 0;
    for (const chunk of this.#chunks) {
      joined.set(chunk, offset);
      offset += chunk.byteLength;
    }
    this.#chunks = [joined];
    return joined;
  }
}

function decodeFrame(frame: Uint8Array): Message {
  try {
    return codec.decode(frame);
  } catch (error) {
    // EventStreamCodec throws on a prelude or message CRC mismatch and on malformed headers.
    throw invalidStream(`a corrupt message (${error instanceof Error ? error.message : String(error)})`, error);
  }
}

function toStreamEvent(message: Message): StreamEvent {
  const messageType = stringHeader(message.headers, ':message-type') ?? 'event';
  const data = toUtf8(message.body);
  if (messageType === 'exception') {
    return { event: `exception:${stringHeader(message.headers, ':exception-type') ?? 'unknown'}`, data };
  }
  if (messageType === 'error') {
    const errorMessage = stringHeader(message.headers, ':error-message') ?? data;
    return { event: `exception:${stringHeader(message.headers, ':error-code') ?? 'unknown'}`, data: JSON.stringify({ message: errorMessage }) };
  }
  const eventType = stringHeader(message.headers, ':event-type');
  return eventType === undefined ? { data } : { event: eventType, data };
}

function stringHeader(headers: MessageHeaders, name: string): string | undefined {
  const header = headers[name];
  return header?.type === 'string' ? header.value : undefined;
}

function invalidStream(detail: string, cause?: unknown): UpstreamError {
  return new UpstreamError({
    kind: 'invalid-response',
    status: 502,
    message: `Upstream event stream has ${detail}`,
    code: 'upstream_invalid_response',
    retryable: true,
    cause,
  });
}
