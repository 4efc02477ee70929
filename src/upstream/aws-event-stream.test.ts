import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamEvent } from '../dialects/dialect.ts';
import { UpstreamError } from '../errors/upstream-error.ts';
import { encodeAwsEventStreamMessage, readAwsEventStream } from './aws-event-stream.ts';

async function readAll(chunks: Uint8Array[]): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of readAwsEventStream(fromChunks(chunks))) events.push(event);
  return events;
}

async function* fromChunks(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

function concat(parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

const eventHeaders = (eventType: string) => ({ ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' });

const frames = [
  encodeAwsEventStreamMessage({ headers: eventHeaders('messageStart'), payload: '{"p":"abcd","role":"assistant"}' }),
  encodeAwsEventStreamMessage({ headers: eventHeaders('contentBlockDelta'), payload: '{"contentBlockIndex":0,"delta":{"text":"Héllo ✓"},"p":"ab"}' }),
  encodeAwsEventStreamMessage({ headers: eventHeaders('messageStop'), payload: '{"p":"abcdefgh","stopReason":"end_turn"}' }),
];
const expected: StreamEvent[] = [
  { event: 'messageStart', data: '{"p":"abcd","role":"assistant"}' },
  { event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"Héllo ✓"},"p":"ab"}' },
  { event: 'messageStop', data: '{"p":"abcdefgh","stopReason":"end_turn"}' },
];

describe('readAwsEventStream', () => {
  it('decodes a published AWS test vector (aws-c-event-stream "payload_one_str_header")', async () => {
    // Total length 61, headers length 32, prelude CRC 0x07fd8396, header `content-type: application/json`
    // (type 7, string), payload `{'foo':'bar'}`, message CRC 0x8d9c08b1.
    const vector = Uint8Array.from([
      0, 0, 0, 61, 0, 0, 0, 32, 7, 253, 131, 150, 12, 99, 111, 110, 116, 101, 110, 116, 45, 116, 121, 112, 101, 7, 0, 16,
      97, 112, 112, 108, 105, 99, 97, 116, 105, 111, 110, 47, 106, 115, 111, 110, 123, 39, 102, 111, 111, 39, 58, 39, 98,
      97, 114, 39, 125, 141, 156, 8, 177,
    ]);
    assert.deepEqual(await readAll([vector]), [{ data: "{'foo':'bar'}" }]);
    assert.deepEqual(encodeAwsEventStreamMessage({ headers: { 'content-type': 'application/json' }, payload: "{'foo':'bar'}" }), vector);
  });

  it('reads several frames from one chunk', async () => {
    assert.deepEqual(await readAll([concat(frames)]), expected);
  });

  it('reads frames split at every byte boundary', async () => {
    const whole = concat(frames);
    for (let cut = 1; cut < whole.length; cut++) {
      assert.deepEqual(await readAll([whole.subarray(0, cut), whole.subarray(cut)]), expected, `split at byte ${cut}`);
    }
  });

  it('reads a stream delivered one byte at a time', async () => {
    const whole = concat(frames);
    const bytes = Array.from(whole, (byte) => Uint8Array.of(byte));
    assert.deepEqual(await readAll(bytes), expected);
  });

  it('names exception messages by :exception-type and error messages by :error-code', async () => {
    const exception = encodeAwsEventStreamMessage({
      headers: { ':exception-type': 'throttlingException', ':content-type': 'application/json', ':message-type': 'exception' },
      payload: '{"message":"Too many requests, please wait before trying again."}',
    });
    const error = encodeAwsEventStreamMessage({
      headers: { ':error-code': 'InternalFailure', ':error-message': 'An internal error occurred', ':message-type': 'error' },
      payload: '',
    });
    assert.deepEqual(await readAll([exception, error]), [
      { event: 'exception:throttlingException', data: '{"message":"Too many requests, please wait before trying again."}' },
      { event: 'exception:InternalFailure', data: '{"message":"An internal error occurred"}' },
    ]);
  });

  it('rejects a frame whose message CRC does not match', async () => {
    const corrupt = Uint8Array.from(frames[1]);
    corrupt[corrupt.length - 6] ^= 0xff;
    await assert.rejects(readAll([frames[0], corrupt]), (error: unknown) =>
      error instanceof UpstreamError && error.kind === 'invalid-response' && /corrupt/.test(error.message));
  });

  it('rejects a frame whose prelude CRC does not match', async () => {
    const corrupt = Uint8Array.from(frames[0]);
    corrupt[9] ^= 0x01;
    await assert.rejects(readAll([corrupt]), (error: unknown) => error instanceof UpstreamError && error.kind === 'invalid-response');
  });

  it('rejects an impossible message length instead of buffering forever', async () => {
    await assert.rejects(readAll([Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0)]), (error: unknown) =>
      error instanceof UpstreamError && error.kind === 'invalid-response');
  });

  it('reports a stream that ends inside a frame as cut, after the whole frames before it', async () => {
    const events: StreamEvent[] = [];
    const cut = concat([frames[0], frames[1].subarray(0, 20)]);
    await assert.rejects(async () => {
      for await (const event of readAwsEventStream(fromChunks([cut]))) events.push(event);
    }, (error: unknown) => error instanceof UpstreamError && error.kind === 'stream-cut');
    assert.deepEqual(events, expected.slice(0, 1));
  });
});
