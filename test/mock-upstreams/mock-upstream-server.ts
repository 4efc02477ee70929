import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What every mock upstream shares: a node:http server on a free loopback port, the requests it
 * received, the ones the gateway abandoned mid-answer, and a queue of scripted behaviours for the
 * next requests. Each provider's mock says only how it answers.
 */
export abstract class MockUpstreamServer<Behaviour, Recorded = unknown> {
  readonly requests: Recorded[] = [];
  /** Requests whose connection the gateway closed before the answer was complete (aborts). */
  readonly closedEarly: Array<{ path: string }> = [];
  url = '';
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #script: Behaviour[] = [];

  constructor() {
    this.#server = createServer((request, response) => void this.handle(request, response));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  protected abstract handle(request: IncomingMessage, response: ServerResponse): Promise<void>;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next requests get these behaviours in order; later ones get the mock's default. */
  script(...behaviours: Behaviour[]): void {
    this.#script.push(...behaviours);
  }

  get lastRequest(): Recorded | undefined {
    return this.requests.at(-1);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The next scripted behaviour, or `fallback` when none is left. */
  protected nextBehaviour(fallback: Behaviour): Behaviour {
    return this.#script.shift() ?? fallback;
  }

  /** Notes, under `closedEarly`, a response the gateway stops reading before it ends. */
  protected watchForEarlyClose(response: ServerResponse, path: string): void {
    response.on('close', () => {
      if (!response.writableFinished) this.closedEarly.push({ path });
    });
  }
}
