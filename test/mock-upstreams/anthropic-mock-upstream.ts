import { MockUpstreamServer } from './mock-upstream-server.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFixture, readFixtureWireEvents } from '../../src/dialects/anthropic-messages/fixtures/read-fixture.ts';

/**
 * A node:http server speaking Anthropic's Messages API with the documented bytes from the dialect
 * fixtures: `POST /v1/messages` (a text message, or a tool_use message when the request has tools;
 * SSE with `event:` lines and `ping`s when `stream` is set) and `POST /v1/messages/count_tokens`.
 * Vertex's `:rawPredict` / `:streamRawPredict` paths get the same answers. Tests script what the next
 * requests get: success, an HTTP error with Anthropic's error body, a reset connection, a stream cut
 * midway, an `error` event among the first events, a hang, a slow stream.
 */
export type AnthropicMockBehaviour =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; body: string; headers?: Record<string, string> }
  /** 429 `rate_limit_error` with `retry-after` (seconds). */
  | { kind: 'rate-limited'; retryAfterSeconds?: number }
  /** 529 `overloaded_error`. */
  | { kind: 'overloaded' }
  | { kind: 'reset' }
  | { kind: 'cut-stream'; afterEvents: number }
  /** A stream that opens, then sends `event: error` (`overloaded_error`) before any content. */
  | { kind: 'stream-error-event' }
  | { kind: 'hang' }
  | { kind: 'slow-stream'; delayMs: number };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

const bodies = {
  text: readFixture('message-text.json'),
  toolUse: readFixture('message-tool-use.json'),
  thinking: readFixture('message-thinking.json'),
  jsonAnswer: readFixture('message-json-tool.json'),
  /** Stopped at `max_tokens`, with prompt-cache reads and writes in its usage. */
  maxTokens: readFixture('message-cached.json'),
  countTokens: readFixture('count-tokens.json'),
  rateLimited: readFixture('error-429.json'),
  overloaded: readFixture('error-529.json'),
};

const streams: Record<Variant | 'errorEvent', string[]> = {
  text: readFixtureWireEvents('stream-text.sse'),
  // No documented stream stops at max_tokens: a capped stream gets the text stream.
  maxTokens: readFixtureWireEvents('stream-text.sse'),
  toolUse: readFixtureWireEvents('stream-tool-use.sse'),
  thinking: readFixtureWireEvents('stream-thinking.sse'),
  jsonAnswer: readFixtureWireEvents('stream-json-tool.sse'),
  errorEvent: readFixtureWireEvents('stream-error-overloaded.sse'),
};

type Variant = 'text' | 'toolUse' | 'thinking' | 'jsonAnswer' | 'maxTokens';

export class AnthropicMockUpstream extends MockUpstreamServer<AnthropicMockBehaviour, RecordedRequest> {

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text === '' ? {} : JSON.parse(text) as Record<string, unknown>;
    const path = request.url ?? '/';
    this.requests.push({ method: request.method ?? 'GET', path, headers: request.headers, body });
    const behaviour = this.nextBehaviour({ kind: 'ok' });
    this.watchForEarlyClose(response, path);

    if (behaviour.kind === 'reset') return void request.socket.destroy();
    if (behaviour.kind === 'hang') return;
    if (behaviour.kind === 'status') return sendJson(response, behaviour.status, behaviour.body, behaviour.headers);
    if (behaviour.kind === 'rate-limited') {
      return sendJson(response, 429, bodies.rateLimited, { 'retry-after': String(behaviour.retryAfterSeconds ?? 1) });
    }
    if (behaviour.kind === 'overloaded') return sendJson(response, 529, bodies.overloaded);
    if (path.endsWith('/v1/messages/count_tokens')) return sendJson(response, 200, bodies.countTokens);
    if (!isMessagesPath(path)) {
      return sendJson(response, 404, '{"type":"error","error":{"type":"not_found_error","message":"Not found"},"request_id":"req_mock_404"}');
    }
    await answerAnthropicMessages({ body, stream: body.stream === true || path.endsWith(':streamRawPredict'), behaviour, request, response });
  }
}

/** One Messages call (Anthropic's API, or Claude on Vertex), as the Anthropic and Vertex mocks hand it over. */
export interface AnthropicMessagesCall {
  body: Record<string, unknown>;
  stream: boolean;
  /** Only the stream behaviours (`cut-stream`, `stream-error-event`, `slow-stream`) apply here. */
  behaviour: { kind: string; afterEvents?: number; delayMs?: number };
  request: IncomingMessage;
  response: ServerResponse;
}

/** Answers a Messages call with the fixture that fits the request (see variantFor). */
export async function answerAnthropicMessages(call: AnthropicMessagesCall): Promise<void> {
  const { body, behaviour, response } = call;
  const variant = variantFor(body);
  if (!call.stream) return sendJson(response, 200, bodies[variant]);
  await writeStream(call, behaviour.kind === 'stream-error-event' ? streams.errorEvent : streams[variant]);
}

/**
 * Writes each documented event as is: `event:` line, `data:` line, blank line. Each write is awaited
 * so that a cut stream really delivers its first events before the connection drops.
 */
async function writeStream(call: AnthropicMessagesCall, events: readonly string[]): Promise<void> {
  const { behaviour, request, response } = call;
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': 'req_mock_stream' });
  response.flushHeaders();
  for (const [index, event] of events.entries()) {
    if (behaviour.kind === 'cut-stream' && index === behaviour.afterEvents) return void request.socket.destroy();
    if (behaviour.kind === 'slow-stream') await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if (response.destroyed) return;
    await new Promise<void>((resolve) => response.write(event, () => resolve()));
  }
  response.end();
}

export async function startAnthropicMock(): Promise<AnthropicMockUpstream> {
  return new AnthropicMockUpstream().start();
}

function isMessagesPath(path: string): boolean {
  const pathname = path.split('?')[0];
  return pathname.endsWith('/v1/messages') || pathname.endsWith(':rawPredict') || pathname.endsWith(':streamRawPredict');
}

/**
 * The answer a request gets: the JSON-answer tool; tool_use when it offers tools (text once tool
 * results came back); a `max_tokens` stop for `max_tokens` ≤ 16; thinking; or plain text.
 */
function variantFor(body: Record<string, unknown>): Variant {
  const tools = Array.isArray(body.tools) ? (body.tools as Array<{ name?: unknown }>) : [];
  if (tools.some((tool) => typeof tool?.name === 'string' && tool.name.startsWith('json_response__'))) return 'jsonAnswer';
  if (tools.length > 0 && !answersToolUse(body)) return 'toolUse';
  if (typeof body.max_tokens === 'number' && body.max_tokens <= 16) return 'maxTokens';
  const thinking = body.thinking as { type?: unknown } | undefined;
  if (thinking?.type === 'enabled' || thinking?.type === 'adaptive') return 'thinking';
  return 'text';
}

/** Whether the last message is the user's turn carrying tool_result blocks. */
function answersToolUse(body: Record<string, unknown>): boolean {
  const messages = Array.isArray(body.messages) ? body.messages as Array<{ role?: unknown; content?: unknown }> : [];
  const last = messages.at(-1);
  return last?.role === 'user' && Array.isArray(last.content)
    && (last.content as Array<{ type?: unknown }>).some((block) => block?.type === 'tool_result');
}

function sendJson(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_mock_1', ...headers });
  response.end(body);
}
