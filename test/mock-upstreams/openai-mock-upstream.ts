import { MockUpstreamServer } from './mock-upstream-server.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFixture, readFixtureEvents } from '../../src/dialects/openai-chat/fixtures/read-fixture.ts';

const responsesFixtures = new URL('../../src/dialects/openai-responses/fixtures/', import.meta.url);
const responseBody = readFileSync(new URL('response.json', responsesFixtures), 'utf8');
const responseStream = readFileSync(new URL('response-stream.sse', responsesFixtures), 'utf8').split(/(?<=\n\n)/);

/**
 * A node:http server speaking OpenAI's (and Azure OpenAI's) wire format with the documented bytes
 * from the dialect fixtures. The answer follows the request (tool calls, JSON, a `length` stop; see
 * variantOf). Tests script what the next requests get: success, an HTTP error, a reset connection,
 * a stream cut midway, a hang, a slow stream.
 */
export type MockBehaviour =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'reset' }
  | { kind: 'cut-stream'; afterEvents: number }
  | { kind: 'stream-error-event' }
  | { kind: 'stream-error-first-event' }
  | { kind: 'hang' }
  | { kind: 'slow-stream'; delayMs: number };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** Non-stream answers by what the request asks for (see variantOf). */
const completionBodies = {
  text: readFixture('chat-completion.json'),
  toolCalls: readFixture('chat-completion-tool-calls.json'),
  json: readFixture('chat-completion-json.json'),
  length: readFixture('chat-completion-length.json'),
};
const openAIStream = readFixtureEvents('stream-text.sse').map((event) => `data: ${event.data}\n\n`);
const toolCallsStream = readFixtureEvents('stream-tool-calls.sse').map((event) => `data: ${event.data}\n\n`);
const azureStream = readFixtureEvents('azure-stream.sse').map((event) => `data: ${event.data}\n\n`);
const midStreamError = readFixtureEvents('stream-error-midway.sse').map((event) => `data: ${event.data}\n\n`);

export class OpenAIMockUpstream extends MockUpstreamServer<MockBehaviour, RecordedRequest> {

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text === '' ? {} : JSON.parse(text) as Record<string, unknown>;
    const path = request.url ?? '/';
    this.requests.push({ method: request.method ?? 'GET', path, headers: request.headers, body });
    const behaviour = this.nextBehaviour({ kind: 'ok' });
    const azure = path.startsWith('/openai/deployments/');
    this.watchForEarlyClose(response, path);

    if (behaviour.kind === 'reset') return void request.socket.destroy();
    if (behaviour.kind === 'hang') return;
    if (behaviour.kind === 'status') {
      response.writeHead(behaviour.status, { 'content-type': 'application/json', ...behaviour.headers });
      return void response.end(behaviour.body);
    }
    if (path.includes('/embeddings')) return this.#embeddings(body, response);
    if (path.endsWith('/responses')) return this.#responses(body, response);
    const variant = variantOf(body);
    if (body.stream !== true) {
      response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_mock_1' });
      return void response.end(completionBodies[variant]);
    }
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const events = behaviour.kind === 'stream-error-event' ? midStreamError
      : behaviour.kind === 'stream-error-first-event' ? midStreamError.slice(-1)
        : variant === 'toolCalls' ? toolCallsStream
          : azure ? azureStream : openAIStream;
    for (const [index, event] of events.entries()) {
      if (behaviour.kind === 'cut-stream' && index === behaviour.afterEvents) return void request.socket.destroy();
      if (behaviour.kind === 'slow-stream') await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
      if (response.destroyed) return;
      // Wait for each event to reach the socket, so a cut comes after what was sent, as on a real network.
      await new Promise((resolve) => response.write(event, resolve));
    }
    response.end();
  }

  async #responses(body: Record<string, unknown>, response: ServerResponse): Promise<void> {
    if (body.stream !== true) {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(responseBody);
    }
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    for (const event of responseStream) await new Promise((resolve) => response.write(event, resolve));
    response.end();
  }

  #embeddings(body: Record<string, unknown>, response: ServerResponse): void {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const vectors = inputs.map((_input, index) => [0.0023064255, -0.009327292, 0.015797347 + index]);
    const data = vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
    }));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ object: 'list', data, model: 'text-embedding-3-small', usage: { prompt_tokens: 8, total_tokens: 8 } }));
  }
}

/**
 * The answer a chat request gets: tool calls when it offers tools (text once a tool result came
 * back), a `length` stop for `max_tokens` ≤ 16, JSON for a JSON `response_format`, else text.
 * Streams have tool-call and text variants.
 */
function variantOf(body: Record<string, unknown>): keyof typeof completionBodies {
  const messages = Array.isArray(body.messages) ? body.messages as Array<{ role?: unknown }> : [];
  const offersTools = Array.isArray(body.tools) && body.tools.length > 0;
  if (offersTools && messages.at(-1)?.role !== 'tool') return 'toolCalls';
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (typeof maxTokens === 'number' && maxTokens <= 16) return 'length';
  const format = (body.response_format as { type?: unknown } | undefined)?.type;
  if (format === 'json_schema' || format === 'json_object') return 'json';
  return 'text';
}

export async function startOpenAIMock(): Promise<OpenAIMockUpstream> {
  return new OpenAIMockUpstream().start();
}
