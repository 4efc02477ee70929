import { MockUpstreamServer } from './mock-upstream-server.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readGeminiFixture, readGeminiFixtureWireEvents } from '../../src/dialects/gemini/fixtures/read-fixture.ts';

/**
 * A node:http server speaking the Gemini API with the documented bytes from the dialect fixtures,
 * under `/v1beta/` and `/v1/`: `models/{model}:generateContent`, `:streamGenerateContent` (with
 * `?alt=sse`: Server-Sent Events framed `data: {...}\r\n\r\n` as Google sends them; without it: one
 * JSON array written piece by piece), `:countTokens`, `:embedContent`, `:batchEmbedContents`.
 * The answer follows the request: tool calls when it offers tools (text once a function result
 * came back), thoughts with `includeThoughts`, JSON with `responseMimeType: application/json`, a
 * MAX_TOKENS stop for `maxOutputTokens` ≤ 16. Tests script failures: an HTTP status with Google's
 * error body (429 RESOURCE_EXHAUSTED, 503 UNAVAILABLE), a reset, a stream cut midway, an error
 * event in the stream, a hang, a slow stream.
 */
export type GeminiMockBehaviour =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; body: string; headers?: Record<string, string> }
  /** 429 RESOURCE_EXHAUSTED with a RetryInfo detail (`retryDelay: 38s`), and `retry-after` if given. */
  | { kind: 'rate-limited'; retryAfterSeconds?: number }
  /** 503 UNAVAILABLE ("The model is overloaded"). */
  | { kind: 'unavailable' }
  | { kind: 'reset' }
  | { kind: 'cut-stream'; afterEvents: number }
  /** A stream that sends one text event, then `data: {"error": {... UNAVAILABLE}}`. */
  | { kind: 'stream-error-event' }
  | { kind: 'hang' }
  | { kind: 'slow-stream'; delayMs: number };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

type Variant = 'text' | 'toolCalls' | 'thinking' | 'json' | 'maxTokens';

const bodies: Record<Variant, string> = {
  text: readGeminiFixture('generate-content-text.json'),
  toolCalls: readGeminiFixture('generate-content-tool-calls.json'),
  thinking: readGeminiFixture('generate-content-thinking.json'),
  json: readGeminiFixture('generate-content-json.json'),
  maxTokens: readGeminiFixture('generate-content-max-tokens.json'),
};

const streams: Record<Variant | 'errorEvent', string[]> = {
  text: readGeminiFixtureWireEvents('stream-text.sse'),
  toolCalls: readGeminiFixtureWireEvents('stream-tool-calls.sse'),
  thinking: readGeminiFixtureWireEvents('stream-thinking.sse'),
  json: readGeminiFixtureWireEvents('stream-json.sse'),
  maxTokens: readGeminiFixtureWireEvents('stream-max-tokens.sse'),
  errorEvent: readGeminiFixtureWireEvents('stream-error-midway.sse'),
};

/** streamGenerateContent without `alt=sse`: the array's pieces, as they go out. */
const arrayStream = readGeminiFixture('stream-array.json').split(/(?<=\n,\n)/);

const errorBodies = {
  rateLimited: readGeminiFixture('error-429-resource-exhausted.json'),
  unavailable: readGeminiFixture('error-503-unavailable.json'),
  apiKeyInvalid: readGeminiFixture('error-400-api-key-invalid.json'),
  notFound: readGeminiFixture('error-404-not-found.json'),
};

/** One Gemini method call, as the Gemini and Vertex mocks hand it over. */
export interface GeminiCall {
  /** `generateContent`, `streamGenerateContent`, `countTokens`, `embedContent`, `batchEmbedContents`, `predict`. */
  method: string;
  sse: boolean;
  body: Record<string, unknown>;
  behaviour: GeminiMockBehaviour;
  request: IncomingMessage;
  response: ServerResponse;
}

/**
 * Applies a scripted failure that answers before any method runs. Returns true when it did.
 * Shared with the Vertex mock, whose Claude routes fail the same way.
 */
export function applyFailure(behaviour: GeminiMockBehaviour, request: IncomingMessage, response: ServerResponse): boolean {
  switch (behaviour.kind) {
    case 'reset':
      request.socket.destroy();
      return true;
    case 'hang':
      return true;
    case 'status':
      writeJson(response, behaviour.status, behaviour.body, behaviour.headers);
      return true;
    case 'rate-limited':
      writeJson(response, 429, errorBodies.rateLimited, behaviour.retryAfterSeconds === undefined ? {} : { 'retry-after': String(behaviour.retryAfterSeconds) });
      return true;
    case 'unavailable':
      writeJson(response, 503, errorBodies.unavailable);
      return true;
    default:
      return false;
  }
}

/** Answers one Gemini method call with fixture bytes (after applyFailure found nothing to do). */
export async function answerGeminiCall(call: GeminiCall): Promise<void> {
  const { method, body, response } = call;
  if (method === 'generateContent') return writeJson(response, 200, bodies[variantOf(body)]);
  if (method === 'streamGenerateContent') return call.sse ? writeEventStream(call) : writeArrayStream(call);
  if (method === 'countTokens') return writeJson(response, 200, readGeminiFixture('count-tokens.json'));
  if (method === 'embedContent') return writeJson(response, 200, readGeminiFixture('embed-content.json'));
  if (method === 'batchEmbedContents') {
    const count = Array.isArray(body.requests) ? body.requests.length : 0;
    return writeJson(response, 200, JSON.stringify({ embeddings: Array.from({ length: count }, (_unused, index) => ({ values: vectorFor(index) })) }));
  }
  if (method === 'predict') {
    const count = Array.isArray(body.instances) ? body.instances.length : 0;
    const predictions = Array.from({ length: count }, (_unused, index) => ({
      embeddings: { statistics: { truncated: false, token_count: 5 }, values: vectorFor(index) },
    }));
    return writeJson(response, 200, JSON.stringify({ predictions, metadata: { billableCharacterCount: 20 * count } }));
  }
  writeJson(response, 404, errorBodies.notFound);
}

/** The fixtures' two vectors, then made-up ones, so each input gets its own. */
function vectorFor(index: number): number[] {
  const fixture = JSON.parse(readGeminiFixture('batch-embed-contents.json')) as { embeddings: Array<{ values: number[] }> };
  return fixture.embeddings[index]?.values ?? [0.001 * index, -0.002, 0.003, 0.004];
}

function variantOf(body: Record<string, unknown>): Variant {
  const config = (body.generationConfig ?? {}) as { maxOutputTokens?: number; responseMimeType?: string; thinkingConfig?: { includeThoughts?: boolean } };
  const tools = Array.isArray(body.tools) && body.tools.length > 0;
  const contents = Array.isArray(body.contents) ? body.contents as Array<{ parts?: Array<Record<string, unknown>> }> : [];
  const answeredTools = (contents.at(-1)?.parts ?? []).some((part) => part.functionResponse !== undefined);
  if (tools && !answeredTools) return 'toolCalls';
  if (typeof config.maxOutputTokens === 'number' && config.maxOutputTokens <= 16) return 'maxTokens';
  if (config.responseMimeType === 'application/json') return 'json';
  if (config.thinkingConfig?.includeThoughts === true) return 'thinking';
  return 'text';
}

async function writeEventStream(call: GeminiCall): Promise<void> {
  const { behaviour, request, response } = call;
  const events = behaviour.kind === 'stream-error-event' ? streams.errorEvent : streams[variantOf(call.body)];
  response.writeHead(200, { 'content-type': 'text/event-stream', 'x-content-type-options': 'nosniff' });
  for (const [index, event] of events.entries()) {
    if (behaviour.kind === 'cut-stream' && index === behaviour.afterEvents) return void request.socket.destroy();
    if (behaviour.kind === 'slow-stream') await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if (response.destroyed) return;
    await writeFlushed(response, event);
  }
  response.end();
}

async function writeArrayStream(call: GeminiCall): Promise<void> {
  const { behaviour, request, response } = call;
  response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
  for (const [index, piece] of arrayStream.entries()) {
    if (behaviour.kind === 'cut-stream' && index === behaviour.afterEvents) return void request.socket.destroy();
    if (behaviour.kind === 'slow-stream') await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if (response.destroyed) return;
    await writeFlushed(response, piece);
  }
  response.end();
}

/** Writes and waits until the bytes left, so a scripted cut that follows really comes after them. */
export function writeFlushed(response: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => response.write(text, () => resolve()));
}

function writeJson(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  response.end(body);
}

export async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : JSON.parse(text) as Record<string, unknown>;
}

const GEMINI_PATH = /^\/(v1beta|v1)\/(?:models|tunedModels)\/([^/:?]+):([A-Za-z]+)(?:\?(.*))?$/;

export class GeminiMockUpstream extends MockUpstreamServer<GeminiMockBehaviour, RecordedRequest> {
  readonly #apiKey: string | undefined;

  /** With `apiKey`, a request carrying another `x-goog-api-key` gets Google's 400 API_KEY_INVALID. */
  constructor(options: { apiKey?: string } = {}) {
    super();
    this.#apiKey = options.apiKey;
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readJsonBody(request);
    const path = request.url ?? '/';
    this.requests.push({ method: request.method ?? 'GET', path, headers: request.headers, body });
    this.watchForEarlyClose(response, path);
    const behaviour = this.nextBehaviour({ kind: 'ok' });
    if (applyFailure(behaviour, request, response)) return;
    if (this.#apiKey !== undefined && request.headers['x-goog-api-key'] !== this.#apiKey) {
      return writeJson(response, 400, errorBodies.apiKeyInvalid);
    }
    const match = GEMINI_PATH.exec(path);
    if (match === null) return writeJson(response, 404, errorBodies.notFound);
    const sse = new URLSearchParams(match[4] ?? '').get('alt') === 'sse';
    await answerGeminiCall({ method: match[3], sse, body, behaviour, request, response });
  }
}

export async function startGeminiMock(options: { apiKey?: string } = {}): Promise<GeminiMockUpstream> {
  return new GeminiMockUpstream(options).start();
}
