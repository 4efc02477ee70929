import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { Redis } from 'ioredis';

/** The local test server; TEST_REDIS_URL overrides it. */
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of its own per test run, so concurrent runs never share a counter. */
export function testKeyPrefix(): string {
  return `sb-test-${randomBytes(6).toString('hex')}:`;
}

export function connectRedis(url: string = redisUrl): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  // ioredis reports connection trouble as 'error' events; the tests watch the outcome instead.
  client.on('error', () => {});
  return client;
}

export async function deleteKeysWithPrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** A port nothing listens on: a server is opened on a free port, then closed. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * A TCP proxy in front of the test Redis: stopping it is Redis going away mid-run, as the
 * gateway's client sees it (connection dropped, reconnects refused).
 */
export class RedisProxy {
  readonly #server = net.createServer((client) => this.#forward(client));
  readonly #sockets = new Set<net.Socket>();
  port = 0;

  async start(): Promise<this> {
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    this.port = (this.#server.address() as net.AddressInfo).port;
    return this;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const closed = once(this.#server, 'close');
    this.#server.close();
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  #forward(client: net.Socket): void {
    const target = new URL(redisUrl);
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => this.#sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }
}
