import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFixture, readFixtureEvents } from '../../src/dialects/anthropic-messages/fixtures/read-fixture.ts';
import { encodeAwsEventStreamMessage } from '../../src/upstream/aws-event-stream.ts';

/**
 * Claude on Bedrock's InvokeModel API, for the Anthropic passthrough's `X-Respan-Route-Provider:
 * bedrock` (the shared Bedrock mock speaks Converse). `POST /model/{id}/invoke` answers an
 * Anthropic message; `/invoke-with-response-stream` answers the AWS event stream Bedrock sends:
 * one `chunk` event per Anthropic event, its payload `{"bytes": base64 of the event JSON}`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithResponseStream.html).
 * `throttle()` makes the next call a 429 ThrottlingException with Bedrock's `{"message"}` body.
 */
export interface RecordedInvoke {
  path: string;
  modelId: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

const INVOKE_PATH = /^\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/;

export class ClaudeOnBedrockMock {
  readonly requests: RecordedInvoke[] = [];
  url = '';
  #throttleNext = false;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();

  constructor() {
    this.#server = createServer((request, response) => void this.#handle(request, response));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  throttle(): void {
    this.#throttleNext = true;
  }

  get lastRequest(): RecordedInvoke | undefined {
    return this.requests.at(-1);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const match = INVOKE_PATH.exec(request.url ?? '');
    this.requests.push({ path: request.url ?? '', modelId: match === null ? '' : decodeURIComponent(match[1]), headers: request.headers, body: text === '' ? {} : JSON.parse(text) });
    if (!String(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) return sendJson(response, 403, { message: 'Missing Authentication Token' });
    if (match === null) return sendJson(response, 404, { message: 'Unknown operation' });
    if (this.#throttleNext) {
      this.#throttleNext = false;
      return sendJson(response, 429, { message: 'Too many requests, please wait before trying again.' }, { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' });
    }
    if (match[2] === 'invoke') return sendJson(response, 200, JSON.parse(readFixture('message-text.json')));
    response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'bedrock-request-1' });
    for (const event of readFixtureEvents('stream-text.sse')) {
      response.write(encodeAwsEventStreamMessage({
        headers: { ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' },
        payload: JSON.stringify({ bytes: Buffer.from(event.data).toString('base64') }),
      }));
    }
    response.end();
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': 'bedrock-request-1', ...headers });
  response.end(JSON.stringify(body));
}
