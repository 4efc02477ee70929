import { waitForDrain } from '../../send-gateway-reply.ts';
import type { FastifyReply } from 'fastify';
import type { PassthroughReply } from '../../../passthrough/passthrough-reply.ts';

/**
 * Renders a passthrough reply. A body goes out as received. A stream bypasses Fastify: headers are
 * flushed at once (an SDK waits for them before reading events), each upstream chunk is written as
 * it arrives, respecting back-pressure, and a client that leaves stops the relay, which aborts the
 * upstream. If the upstream breaks mid-stream the client's connection is cut too, so its SDK sees
 * an incomplete stream just as it would from the provider.
 */
export async function sendPassthroughReply(reply: FastifyReply, result: PassthroughReply): Promise<void> {
  if (result.kind === 'buffered') {
    reply.code(result.status).headers(result.headers);
    await reply.send(typeof result.body === 'string' ? result.body : Buffer.from(result.body.buffer, result.body.byteOffset, result.body.byteLength));
    result.afterSend?.();
    return;
  }
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(result.status, result.headers);
  raw.flushHeaders();
  let clientGone = false;
  const onClose = () => {
    if (!raw.writableFinished) clientGone = true;
  };
  raw.on('close', onClose);
  try {
    for await (const chunk of result.chunks) {
      if (clientGone || raw.destroyed) break;
      if (!raw.write(chunk)) await waitForDrain(raw);
    }
    if (!raw.destroyed) raw.end();
  } catch {
    raw.destroy();
  } finally {
    raw.off('close', onClose);
  }
}
