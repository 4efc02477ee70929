import { GatewayError } from '../errors/gateway-error.ts';
import type { RequestLog } from '../gateway/request-log.ts';
import { toUpstreamError, type UpstreamResponse } from '../upstream/http-client.ts';
import type { NativeResponseReader } from './native-response-reader.ts';
import { StreamEventTap, type StreamFraming } from './stream-event-tap.ts';

/** A host whose stream bytes the client cannot read as they are: what they become, and their type. */
export interface StreamReframing {
  contentType: string;
  chunks(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array | string>;
}

export interface RelayOptions {
  log: RequestLog;
  reader: NativeResponseReader;
  /** The framing of what the client receives (after any reframing). */
  framing: StreamFraming;
  body: UpstreamResponse['body'];
  reframe: StreamReframing | undefined;
  /** The client's signal: aborted when it hung up. */
  signal: AbortSignal;
}

/**
 * Hands each upstream chunk on as it arrives, then reads a copy for the log: the chunk is yielded
 * first, so reading never delays a byte. When the stream ends the request is logged with the usage
 * read; an `error` event inside the stream logs an error though the bytes went out unchanged. A
 * consumer that stops early (the client left) destroys the upstream body, which closes the upstream
 * connection, and logs the request as cut by the client. An upstream that breaks mid-stream is
 * logged and rethrown, so the edge can cut the client's connection the same way.
 */
export async function* relayStream(options: RelayOptions): AsyncGenerator<Uint8Array | string> {
  const { log, reader, body, signal } = options;
  const tap = new StreamEventTap(options.framing, (data) => reader.readEvent(data));
  const source = options.reframe === undefined ? body : options.reframe.chunks(body);
  let settled = false;
  const settle = () => {
    settled = true;
    tap.end();
    log.setResult(reader.summary());
  };
  try {
    for await (const chunk of source) {
      log.markFirstToken();
      yield chunk;
      tap.feed(chunk);
    }
    settle();
    if (reader.streamError === undefined) log.succeed();
    else log.failAfterStart(reader.streamError);
  } catch (error) {
    if (!settled) settle();
    log.failAfterStart(signal.aborted ? clientGone() : toUpstreamError(error, 'body'));
    throw error;
  } finally {
    if (!settled) {
      settle();
      log.failAfterStart(clientGone());
    }
    if (!body.destroyed) body.destroy();
  }
}

function clientGone(): GatewayError {
  return new GatewayError({ status: 499, message: 'Client closed the connection before the stream ended', code: 'client_disconnected' });
}
