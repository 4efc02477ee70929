import { Agent, request as undiciRequest, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import type { TimeoutConfig } from '../config/config.ts';
import { UpstreamError } from '../errors/upstream-error.ts';
import type { UpstreamRequest } from '../providers/provider.ts';

export interface UpstreamResponse {
  status: number;
  headers: Headers;
  /** The body as it arrives; read it once (text, JSON or an SSE stream). */
  body: Dispatcher.ResponseData['body'];
}

/**
 * The gateway's only door to upstreams: undici keeps a keep-alive pool per origin. Timeouts are
 * per attempt (contract §2 `timeouts`): connect, first byte (response headers) and idle stream
 * (gap between body chunks). Every failure becomes a typed, retryable UpstreamError.
 */
export class UpstreamHttpClient {
  readonly #agent: Agent;
  readonly #headersTimeoutMs: number;
  readonly #bodyTimeoutMs: number;

  constructor(timeouts: TimeoutConfig) {
    this.#headersTimeoutMs = timeouts.firstByteS * 1000;
    this.#bodyTimeoutMs = timeouts.idleStreamS * 1000;
    this.#agent = new Agent({
      connect: { timeout: timeouts.connectS * 1000 },
      keepAliveTimeout: 30_000,
      headersTimeout: this.#headersTimeoutMs,
      bodyTimeout: this.#bodyTimeoutMs,
    });
  }

  async send(request: UpstreamRequest, signal?: AbortSignal): Promise<UpstreamResponse> {
    try {
      const response = await undiciRequest(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.method === 'GET' ? undefined : request.body,
        dispatcher: this.#agent,
        signal,
      });
      return { status: response.statusCode, headers: toHeaders(response.headers), body: response.body };
    } catch (error) {
      throw toUpstreamError(error, 'before-response');
    }
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const name in raw) {
    const value = raw[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}

/**
 * Maps an undici or socket failure to an UpstreamError. `phase` tells whether the response had
 * started: a reset after the first byte is a cut stream, not a refused connection.
 */
export function toUpstreamError(error: unknown, phase: 'before-response' | 'body'): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof undiciErrors.RequestAbortedError || (error as Error | null)?.name === 'AbortError') {
    return new UpstreamError({ kind: 'aborted', status: 499, message: 'The request was aborted', retryable: false, fallbackable: false, cause: error });
  }
  if (error instanceof undiciErrors.ConnectTimeoutError) {
    return new UpstreamError({ kind: 'timeout', status: 504, message: 'Upstream connect timed out', code: 'upstream_timeout', retryable: true, cause: error });
  }
  if (error instanceof undiciErrors.HeadersTimeoutError) {
    return new UpstreamError({ kind: 'timeout', status: 504, message: 'Upstream sent no response in time (first byte timeout)', code: 'upstream_timeout', retryable: true, cause: error });
  }
  if (error instanceof undiciErrors.BodyTimeoutError) {
    return new UpstreamError({ kind: 'timeout', status: 504, message: 'Upstream stream went idle (idle stream timeout)', code: 'upstream_timeout', retryable: true, cause: error });
  }
  if (phase === 'body') {
    return new UpstreamError({ kind: 'stream-cut', status: 502, message: `Upstream connection closed mid-response: ${message}`, code: 'upstream_stream_cut', retryable: true, cause: error });
  }
  const detail = code === undefined ? message : `${code}: ${message}`;
  return new UpstreamError({ kind: 'network', status: 502, message: `Could not reach the upstream (${detail})`, code: 'upstream_unreachable', retryable: true, cause: error });
}
