import type { FastifyReply } from 'fastify';
import type { GatewayReply } from '../gateway/gateway-reply.ts';

const STREAM_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' };

/**
 * Renders a pipeline reply. Streams bypass Fastify's serialisation: each event is written as soon
 * as it is produced, respecting back-pressure, and a client that leaves stops the generator
 * (which aborts the upstream call and logs the request).
 */
export async function sendGatewayReply(reply: FastifyReply, result: GatewayReply): Promise<void> {
  if (result.kind === 'json') {
    reply.code(result.status).headers(result.headers).type('application/json; charset=utf-8');
    await reply.send(result.body);
    result.afterSend?.();
    return;
  }
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(result.status, { ...STREAM_HEADERS, ...result.headers });
  const events = result.events;
  let clientGone = false;
  const onClose = () => {
    if (!raw.writableFinished) clientGone = true;
  };
  raw.on('close', onClose);
  // Events produced in the same turn of the event loop (one upstream read often holds several)
  // leave in one write: the socket is corked at the first and uncorked once the turn is over.
  let corked = false;
  const uncork = () => {
    corked = false;
    raw.uncork();
  };
  try {
    for await (const event of events) {
      if (clientGone || raw.destroyed) break;
      if (!corked) {
        corked = true;
        raw.cork();
        setImmediate(uncork);
      }
      if (!raw.write(event)) await waitForDrain(raw);
    }
  } finally {
    if (corked) uncork();
    raw.off('close', onClose);
    if (!raw.destroyed) raw.end();
  }
}

/** Resolves when a slow client has taken what was written (or has gone). */
export function waitForDrain(raw: FastifyReply['raw']): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      raw.off('drain', done);
      raw.off('close', done);
      resolve();
    };
    raw.on('drain', done);
    raw.on('close', done);
  });
}
