import { MockUpstreamServer } from './mock-upstream-server.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  readEventStreamFixtureFrames, readFixture, readHttpFixture,
} from '../../src/dialects/bedrock-converse/fixtures/read-fixture.ts';
import { AwsRequestSigner } from '../../src/providers/bedrock/sign-aws-request.ts';

/**
 * A node:http server speaking Bedrock Runtime's wire format with the documented bytes from the
 * bedrock-converse fixtures: `POST /model/{modelId}/converse` (JSON), `/converse-stream` (binary
 * `application/vnd.amazon.eventstream` frames, written one by one, ending with the metadata usage
 * event) and `/invoke` (Titan and Cohere embeddings). The answer follows the request: a toolUse when
 * it has `toolConfig` (text once tool results came back), JSON text for structured output, reasoning when it
 * asks for thinking, `max_tokens` when `maxTokens` < 10.
 *
 * Every request must carry a SigV4 `authorization` header (else 403 MissingAuthenticationTokenException,
 * as AWS answers). Given the secret, the mock recomputes the signature over what it received and
 * answers 403 InvalidSignatureException on a mismatch. Tests script failures: a ThrottlingException
 * 429, any status, a reset connection, a stream cut inside a frame, an exception event mid-stream,
 * a hang, a slow stream.
 */
export type BedrockMockBehaviour =
  | { kind: 'ok' }
  | { kind: 'throttling' }
  | { kind: 'status'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'reset' }
  /** Streams: writes this many whole frames, then half of the next one, then destroys the connection. */
  | { kind: 'cut-stream'; afterFrames: number }
  /** Streams: a modelStreamErrorException event after the first text delta. */
  | { kind: 'stream-exception' }
  | { kind: 'hang' }
  | { kind: 'slow-stream'; delayMs: number };

export interface BedrockMockOptions {
  /** When given, signatures are recomputed with this secret and must match. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface RecordedBedrockRequest {
  method: string;
  path: string;
  /** The model id from the path, URL-decoded (`anthropic.claude-3-5-sonnet-20240620-v1:0`). */
  modelId: string;
  operation: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** Whether the SigV4 signature was recomputed and matched (undefined without `credentials`). */
  signatureValid: boolean | undefined;
}

const JSON_HEADERS = { 'content-type': 'application/json', 'x-amzn-requestid': '2a7f3c1e-0b9d-4e6f-8a21-5c4d3b2a1f00' };
const MODEL_PATH = /^\/model\/([^/]+)\/(converse|converse-stream|invoke)$/;
const THROTTLING = readHttpFixture('error-429-throttling.http');

export class BedrockMockUpstream extends MockUpstreamServer<BedrockMockBehaviour, RecordedBedrockRequest> {
  readonly #options: BedrockMockOptions;

  constructor(options: BedrockMockOptions = {}) {
    super();
    this.#options = options;
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = request.url ?? '/';
    const match = MODEL_PATH.exec(path);
    const recorded: RecordedBedrockRequest = {
      method: request.method ?? 'GET', path, modelId: match === null ? '' : decodeURIComponent(match[1]), operation: match?.[2] ?? '',
      headers: request.headers, body: text === '' ? {} : JSON.parse(text) as Record<string, unknown>, signatureValid: undefined,
    };
    this.requests.push(recorded);
    this.watchForEarlyClose(response, path);

    const authorization = request.headers.authorization;
    if (typeof authorization !== 'string' || !authorization.startsWith('AWS4-HMAC-SHA256 ')) {
      return sendError(response, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
    if (this.#options.credentials !== undefined) {
      recorded.signatureValid = await verifySignature(request, text, this.#options.credentials);
      if (!recorded.signatureValid) {
        return sendError(response, 403, 'InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
      }
    }
    if (match === null) return sendError(response, 404, 'UnknownOperationException', 'Unknown operation');

    const behaviour = this.nextBehaviour({ kind: 'ok' });
    if (behaviour.kind === 'reset') return void request.socket.destroy();
    if (behaviour.kind === 'hang') return;
    if (behaviour.kind === 'throttling') {
      response.writeHead(THROTTLING.status, Object.fromEntries(THROTTLING.headers));
      return void response.end(THROTTLING.body);
    }
    if (behaviour.kind === 'status') {
      response.writeHead(behaviour.status, { ...JSON_HEADERS, ...behaviour.headers });
      return void response.end(behaviour.body);
    }
    if (recorded.operation === 'invoke') return sendEmbeddings(response, recorded);
    if (recorded.operation === 'converse') {
      response.writeHead(200, JSON_HEADERS);
      return void response.end(readFixture(`${answerKind(recorded.body)}.json`));
    }
    await this.#stream(request, response, { frames: readEventStreamFixtureFrames(`${streamKind(recorded.body, behaviour)}.jsonl`), behaviour });
  }

  async #stream(request: IncomingMessage, response: ServerResponse, options: { frames: Uint8Array[]; behaviour: BedrockMockBehaviour }): Promise<void> {
    const { frames, behaviour } = options;
    response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': JSON_HEADERS['x-amzn-requestid'] });
    for (const [index, frame] of frames.entries()) {
      if (behaviour.kind === 'cut-stream' && index === behaviour.afterFrames) {
        response.write(frame.subarray(0, frame.length >> 1));
        // Let the half frame reach the client before the connection goes.
        await new Promise((resolve) => setImmediate(resolve));
        return void request.socket.destroy();
      }
      if (behaviour.kind === 'slow-stream') await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
      if (response.destroyed) return;
      response.write(frame);
    }
    response.end();
  }
}

export async function startBedrockMock(options: BedrockMockOptions = {}): Promise<BedrockMockUpstream> {
  return new BedrockMockUpstream(options).start();
}

/**
 * Which Converse answer fixture fits the request: `max_tokens` for `maxTokens` < 10; a toolUse when it
 * has `toolConfig` (text once the last turn carries toolResult blocks); JSON text for structured
 * output (`outputConfig.textFormat`); reasoning when it asks for thinking; else text.
 */
function answerKind(body: Record<string, unknown>): string {
  const maxTokens = (body.inferenceConfig as { maxTokens?: number } | undefined)?.maxTokens;
  if (typeof maxTokens === 'number' && maxTokens < 10) return 'converse-max-tokens';
  if (body.toolConfig !== undefined && !answersToolUse(body)) return 'converse-tool-use';
  if (body.outputConfig !== undefined) return 'converse-json';
  const fields = body.additionalModelRequestFields as Record<string, unknown> | undefined;
  if (fields?.thinking !== undefined || fields?.reasoningConfig !== undefined) return 'converse-reasoning';
  return 'converse-text';
}

function answersToolUse(body: Record<string, unknown>): boolean {
  const messages = Array.isArray(body.messages) ? body.messages as Array<{ role?: unknown; content?: unknown }> : [];
  const last = messages.at(-1);
  return last?.role === 'user' && Array.isArray(last.content)
    && (last.content as Array<Record<string, unknown>>).some((block) => block?.toolResult !== undefined);
}

/** No documented stream answers structured output: such a stream gets the text stream. */
function streamKind(body: Record<string, unknown>, behaviour: BedrockMockBehaviour): string {
  if (behaviour.kind === 'stream-exception') return 'converse-stream-exception';
  const kind = answerKind(body);
  return kind === 'converse-json' ? 'converse-stream-text' : kind.replace('converse-', 'converse-stream-');
}

/** Titan: one `embedding` for `inputText`; Cohere: one vector per entry of `texts`. */
function sendEmbeddings(response: ServerResponse, recorded: RecordedBedrockRequest): void {
  response.writeHead(200, JSON_HEADERS);
  if (recorded.modelId.includes('cohere.embed')) {
    const texts = Array.isArray(recorded.body.texts) ? recorded.body.texts as string[] : [];
    const embeddings = texts.map((_text, index) => [0.015823364, -0.04888916, 0.0234375 + index]);
    return void response.end(JSON.stringify({ embeddings, id: '6d2ad2a4-3d3b-4c1b-9e7d-1f2a3b4c5d6e', response_type: 'embeddings_floats', texts }));
  }
  response.end(JSON.stringify({ embedding: [-0.048271447, 0.032436926, 0.0010485728, -0.05932671], inputTextTokenCount: 6 }));
}

function sendError(response: ServerResponse, status: number, errorType: string, message: string): void {
  response.writeHead(status, { ...JSON_HEADERS, 'x-amzn-errortype': `${errorType}:http://internal.amazon.com/coral/com.amazon.coral.service/` });
  response.end(JSON.stringify({ message }));
}

/**
 * Recomputes the SigV4 signature over the request as received (method, path, query, the headers the
 * client listed in SignedHeaders, the exact body) at the client's `x-amz-date`, and compares.
 */
async function verifySignature(request: IncomingMessage, body: string, credentials: { accessKeyId: string; secretAccessKey: string }): Promise<boolean> {
  const authorization = request.headers.authorization ?? '';
  const scope = /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization);
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1].split(';') ?? [];
  const amzDate = request.headers['x-amz-date'];
  if (scope === null || scope[1] !== credentials.accessKeyId || typeof amzDate !== 'string') return false;
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (name !== 'host' && name !== 'x-amz-date' && typeof value === 'string') headers[name] = value;
  }
  const sessionToken = request.headers['x-amz-security-token'];
  const signer = new AwsRequestSigner({
    credentials: typeof sessionToken === 'string' ? { ...credentials, sessionToken } : credentials,
    region: scope[3],
    service: scope[4],
    signPayloadHeader: signedHeaders.includes('x-amz-content-sha256'),
  });
  const signingDate = new Date(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const expected = await signer.sign({ method: request.method === 'GET' ? 'GET' : 'POST', url: `http://${request.headers.host}${request.url}`, headers, body }, signingDate);
  return expected.headers.authorization === authorization;
}
