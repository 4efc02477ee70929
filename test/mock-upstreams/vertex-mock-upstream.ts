import { MockUpstreamServer } from './mock-upstream-server.ts';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerAnthropicMessages } from './anthropic-mock-upstream.ts';
import { answerGeminiCall, applyFailure, readJsonBody, type GeminiMockBehaviour, type RecordedRequest } from './gemini-mock-upstream.ts';

/**
 * A node:http server standing in for Vertex AI and Google's OAuth token endpoint:
 * - `POST /token` answers the JWT-bearer grant (RFC 7523) with `{"access_token","expires_in","token_type":"Bearer"}`
 *   and counts the grants, so a service-account key whose `token_uri` points here works; with the
 *   key's public key it also checks the assertion's RS256 signature and `scope`;
 * - `/v1/projects/{p}/locations/{l}/publishers/google/models/{model}:{method}` answers as the Gemini mock
 *   does (generateContent, streamGenerateContent with `?alt=sse`, countTokens, predict);
 * - `.../publishers/anthropic/models/{model}:rawPredict` and `:streamRawPredict` answer with
 *   Anthropic's Messages bytes, chosen as the Anthropic mock chooses them.
 * Model calls need `authorization: Bearer <a token this server issued>`, else 401 UNAUTHENTICATED.
 * Model calls follow the same scripted failures as the Gemini mock; token grants have their own script.
 */
export interface VertexMockOptions {
  /** Lifetime given to issued tokens, seconds (Google's is 3599). */
  expiresIn?: number;
  /** PEM or key object: assertions not signed by its private key get 400 invalid_grant. */
  publicKey?: string | KeyObject;
}

export type TokenBehaviour = { kind: 'ok' } | { kind: 'status'; status: number; body: string } | { kind: 'reset' };

export interface TokenGrant {
  grantType: string | null;
  claims: Record<string, unknown>;
}

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const PUBLISHER_PATH = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/(google|anthropic)\/models\/([^/:?]+):([A-Za-z]+)(?:\?(.*))?$/;

const unauthenticatedBody = JSON.stringify({
  error: {
    code: 401,
    message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    status: 'UNAUTHENTICATED',
  },
});

export class VertexMockUpstream extends MockUpstreamServer<GeminiMockBehaviour, RecordedRequest> {
  /** Every JWT-bearer grant received, in order (its decoded claims). */
  readonly tokenGrants: TokenGrant[] = [];
  readonly #issuedTokens = new Set<string>();
  readonly #tokenScript: TokenBehaviour[] = [];
  /** Lifetime given to the next issued tokens, seconds; tests shorten it to force refreshes. */
  expiresIn: number;
  readonly #publicKey: KeyObject | undefined;

  constructor(options: VertexMockOptions = {}) {
    super();
    this.expiresIn = options.expiresIn ?? 3599;
    this.#publicKey = options.publicKey === undefined ? undefined : createPublicKey(options.publicKey);
  }

  /** The key's `token_uri` for this server. */
  get tokenUri(): string {
    return `${this.url}/token`;
  }

  /** How many token grants were received. */
  get tokenRequests(): number {
    return this.tokenGrants.length;
  }

  /** The next token grants get these behaviours in order; later ones get `ok`. */
  scriptToken(...behaviours: TokenBehaviour[]): void {
    this.#tokenScript.push(...behaviours);
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url ?? '/';
    if (path === '/token' && request.method === 'POST') return this.#grantToken(request, response);
    const body = await readJsonBody(request);
    this.requests.push({ method: request.method ?? 'GET', path, headers: request.headers, body });
    const behaviour = this.nextBehaviour({ kind: 'ok' });
    if (applyFailure(behaviour, request, response)) return;
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined || !this.#issuedTokens.has(token)) return writeJson(response, 401, unauthenticatedBody);
    const match = PUBLISHER_PATH.exec(path);
    if (match === null) return writeJson(response, 404, JSON.stringify({ error: { code: 404, message: `No route for ${path}`, status: 'NOT_FOUND' } }));
    const [, , , publisher, , method, query] = match;
    if (publisher === 'google') {
      const sse = new URLSearchParams(query ?? '').get('alt') === 'sse';
      return answerGeminiCall({ method, sse, body, behaviour, request, response });
    }
    return this.#answerAnthropic({ method, body, behaviour, request, response });
  }

  async #answerAnthropic(call: { method: string; body: Record<string, unknown>; behaviour: GeminiMockBehaviour; request: IncomingMessage; response: ServerResponse }): Promise<void> {
    const { method, body, behaviour, request, response } = call;
    if (method !== 'rawPredict' && method !== 'streamRawPredict') {
      return writeJson(response, 400, JSON.stringify({ error: { code: 400, message: `Unknown method ${method}`, status: 'INVALID_ARGUMENT' } }));
    }
    await answerAnthropicMessages({ body, stream: method === 'streamRawPredict', behaviour, request, response });
  }

  async #grantToken(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const assertion = form.get('assertion') ?? '';
    this.tokenGrants.push({ grantType: form.get('grant_type'), claims: decodeClaims(assertion) });
    const behaviour = this.#tokenScript.shift() ?? { kind: 'ok' };
    if (behaviour.kind === 'reset') return void request.socket.destroy();
    if (behaviour.kind === 'status') return writeJson(response, behaviour.status, behaviour.body);
    const problem = this.#checkGrant(form.get('grant_type'), assertion);
    if (problem !== undefined) return writeJson(response, 400, JSON.stringify({ error: 'invalid_grant', error_description: problem }));
    const accessToken = `ya29.mock-${this.tokenGrants.length}`;
    this.#issuedTokens.add(accessToken);
    writeJson(response, 200, JSON.stringify({ access_token: accessToken, expires_in: this.expiresIn, token_type: 'Bearer' }));
  }

  #checkGrant(grantType: string | null, assertion: string): string | undefined {
    if (grantType !== JWT_BEARER_GRANT) return 'Invalid grant_type.';
    const segments = assertion.split('.');
    if (segments.length !== 3) return 'Invalid JWT.';
    const scope = String(decodeClaims(assertion).scope ?? '');
    if (!scope.split(' ').includes(CLOUD_PLATFORM_SCOPE)) return 'Invalid OAuth scope or ID token audience provided.';
    if (this.#publicKey === undefined) return undefined;
    const signed = Buffer.from(`${segments[0]}.${segments[1]}`);
    const valid = verify('RSA-SHA256', signed, this.#publicKey, Buffer.from(segments[2], 'base64url'));
    return valid ? undefined : 'Invalid JWT Signature.';
  }
}

function decodeClaims(assertion: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function writeJson(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(body);
}

export async function startVertexMock(options: VertexMockOptions = {}): Promise<VertexMockUpstream> {
  return new VertexMockUpstream(options).start();
}
