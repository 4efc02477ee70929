import { Agent, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import type { TimeoutConfig } from '../config/config.ts';
import { UpstreamError } from '../errors/upstream-error.ts';
import type { UpstreamRequest } from '../providers/provider.ts';

/** Read access to response headers (lower-case names); all the gateway needs of them. */
export interface HeaderView extends Iterable<[string, string]> {
  get(name: string): string | null;
}

export interface UpstreamResponse {
  status: number;
  headers: HeaderView;
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

  constructor(timeouts: Pick<TimeoutConfig, 'connectS' | 'firstByteS' | 'idleStreamS'>) {
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
      // The dispatcher's own request(): undici's top-level request() re-parses the URL every call.
      const { origin, path } = splitUrl(request.url);
      const response = await this.#agent.request({
        origin,
        path,
        method: request.method,
        headers: request.headers,
        body: request.method === 'GET' ? undefined : request.body,
        signal,
      });
      return { status: response.statusCode, headers: new RawHeaderView(response.headers), body: response.body };
    } catch (error) {
      throw toUpstreamError(error, 'before-response');
    }
  }

  /** Connections per upstream origin (undici's pool stats), for `/metrics`. */
  poolStats(): Array<{ origin: string; connected: number; free: number; pending: number; running: number }> {
    const stats = this.#agent.stats as Record<string, { connected?: number; free?: number; pending?: number; running?: number }>;
    return Object.entries(stats).map(([origin, pool]) => ({
      origin, connected: pool.connected ?? 0, free: pool.free ?? 0, pending: pool.pending ?? 0, running: pool.running ?? 0,
    }));
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}

/**
 * undici's headers as they come (a plain object with lower-case names), read on demand: building
 * a WHATWG `Headers` for every response costs more than the few lookups the gateway makes.
 */
class RawHeaderView implements HeaderView {
  readonly #raw: Record<string, string | string[] | undefined>;

  constructor(raw: Record<string, string | string[] | undefined>) {
    this.#raw = raw;
  }

  get(name: string): string | null {
    const value = this.#raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  *[Symbol.iterator](): Iterator<[string, string]> {
    for (const name in this.#raw) {
      const value = this.#raw[name];
      if (value !== undefined) yield [name, Array.isArray(value) ? value.join(', ') : value];
    }
  }
}

const MAX_REMEMBERED_URLS = 1000;
const splitUrls = new Map<string, { origin: string; path: string }>();

/** Upstream URLs repeat (one per provider and model): parse each once, not per request. */
function splitUrl(url: string): { origin: string; path: string } {
  let split = splitUrls.get(url);
  if (split === undefined) {
    const parsed = new URL(url);
    split = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (splitUrls.size >= MAX_REMEMBERED_URLS) splitUrls.clear();
    splitUrls.set(url, split);
  }
  return split;
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
