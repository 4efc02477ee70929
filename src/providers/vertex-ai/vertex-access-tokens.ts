import { createHash } from 'node:crypto';
import type { JWT } from 'google-auth-library';
import { UpstreamError } from '../../errors/upstream-error.ts';
import { assertUsablePrivateKey, type ServiceAccountKey } from './service-account-key.ts';

/** Vertex AI needs the cloud-platform scope (https://cloud.google.com/vertex-ai/docs/authentication). */
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** google-auth-library posts the JWT-bearer grant here whatever the key says (see honourTokenUri). */
const LIBRARY_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** A token is replaced this long before it expires, so no request leaves with one about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** A token endpoint that has not answered by then fails the attempt (the gateway decides on retries). */
const TOKEN_REQUEST_TIMEOUT_MS = 10_000;

/** Distinct keys kept; beyond this the oldest client is dropped (customer credentials can be many). */
const MAX_CLIENTS = 256;

/**
 * OAuth access tokens for service-account keys, minted with google-auth-library's JWT client (the
 * JWT-bearer grant, RFC 7523, scope cloud-platform). One client per key, keyed by client_email and
 * private_key_id, caches its token and refreshes it once it is within REFRESH_MARGIN_MS of expiry;
 * concurrent requests share one refresh. Failures become UpstreamErrors a fallback can act on.
 */
export class VertexAccessTokens {
  readonly #clients = new Map<string, JWT>();
  /** google-auth-library is loaded on first use: a gateway without Vertex never carries it. */
  #library: Promise<typeof import('google-auth-library')> | undefined;

  async tokenFor(key: ServiceAccountKey): Promise<string> {
    const { JWT: JwtClient } = await (this.#library ??= import('google-auth-library'));
    const client = this.#clientFor(key, JwtClient);
    let token: string | null | undefined;
    try {
      token = (await client.getAccessToken()).token;
    } catch (error) {
      throw tokenFailure(error);
    }
    if (typeof token !== 'string' || token === '') {
      throw new UpstreamError({ kind: 'invalid-response', status: 502, message: 'The Vertex AI token endpoint returned no access_token', retryable: true });
    }
    return token;
  }

  #clientFor(key: ServiceAccountKey, JwtClient: typeof JWT): JWT {
    const cacheKey = `${key.client_email}\n${key.private_key_id ?? createHash('sha256').update(key.private_key).digest('hex')}\n${key.token_uri ?? ''}`;
    let client = this.#clients.get(cacheKey);
    if (client !== undefined) return client;
    assertUsablePrivateKey(key);
    const tokenUri = key.token_uri ?? LIBRARY_TOKEN_URL;
    client = new JwtClient({
      email: key.client_email,
      key: key.private_key,
      keyId: key.private_key_id,
      scopes: [CLOUD_PLATFORM_SCOPE],
      eagerRefreshThresholdMillis: REFRESH_MARGIN_MS,
      // No retries inside the library: a failed grant becomes an UpstreamError the gateway's retry
      // and fallback policy acts on, like any other failed attempt.
      transporterOptions: { timeout: TOKEN_REQUEST_TIMEOUT_MS, retryConfig: { retry: 0 } },
      // The assertion's audience must be the endpoint it is posted to (RFC 7523 §3).
      ...(tokenUri === LIBRARY_TOKEN_URL ? {} : { additionalClaims: { aud: tokenUri } }),
    });
    honourTokenUri(client, tokenUri);
    if (this.#clients.size >= MAX_CLIENTS) this.#clients.delete(this.#clients.keys().next().value!);
    this.#clients.set(cacheKey, client);
    return client;
  }
}

/**
 * google-auth-library 11 posts the grant to Google's fixed token URL and ignores the key's
 * `token_uri`, which private deployments, other universes and test endpoints set. Its transporter's
 * request interceptor is the library's hook for changing an outgoing request: it sends the grant
 * to the key's endpoint instead.
 */
function honourTokenUri(client: JWT, tokenUri: string): void {
  if (tokenUri === LIBRARY_TOKEN_URL) return;
  const target = new URL(tokenUri);
  client.transporter.interceptors.request.add({
    resolved: async (options) => {
      if (options.url.href === LIBRARY_TOKEN_URL) options.url = target;
      return options;
    },
  });
}

interface TokenRequestError {
  message?: string;
  code?: string;
  name?: string;
  response?: { status?: number; data?: { error?: string; error_description?: string } };
}

/**
 * The token endpoint refusing the key (400 invalid_grant, 401, 403) is a credentials problem: no
 * retry, but another provider may serve (401). Its 429 and 5xx, and network failures, are the
 * endpoint's trouble: retryable 502.
 */
function tokenFailure(error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const { response, message, code, name } = (error ?? {}) as TokenRequestError;
  const status = response?.status;
  const described = response?.data?.error === undefined
    ? message ?? String(error)
    : `${response.data.error}${response.data.error_description ? `: ${response.data.error_description}` : ''}`;
  if (typeof status === 'number') {
    const refused = status >= 400 && status < 500 && status !== 408 && status !== 429;
    return new UpstreamError({
      kind: 'http',
      status: refused ? 401 : 502,
      message: `Vertex AI token request failed with HTTP ${status}: ${described}`,
      code: refused ? 'invalid_credentials' : 'token_endpoint_error',
      retryable: !refused,
      fallbackable: true,
      cause: error,
    });
  }
  if (code === 'TimeoutError' || name === 'TimeoutError') {
    return new UpstreamError({ kind: 'timeout', status: 504, message: `Vertex AI token request timed out: ${described}`, code: 'upstream_timeout', retryable: true, cause: error });
  }
  return new UpstreamError({
    kind: 'network',
    status: 502,
    message: `Vertex AI token request failed: ${described}`,
    code: 'token_endpoint_unreachable',
    retryable: true,
    cause: error,
  });
}
