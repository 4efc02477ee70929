import { readApiError } from './api-error.ts';

export type QueryValue = string | number | undefined | null;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

/**
 * Talks to the gateway's JSON API with the admin key as a bearer. A 401 means the key no longer
 * works (revoked, rotated): `onUnauthorized` sends the operator back to the login form.
 */
export class ApiClient {
  readonly #key: string;
  readonly #onUnauthorized: () => void;

  constructor(options: { key: string; onUnauthorized: () => void }) {
    this.#key = options.key;
    this.#onUnauthorized = options.onUnauthorized;
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${this.#key}`,
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
    if (!response.ok) {
      const error = await readApiError(response);
      if (response.status === 401) this.#onUnauthorized();
      throw error;
    }
    return (await response.json()) as T;
  }

  get<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
    return this.request<T>(path, { query, signal });
  }

  post<T>(path: string, body: unknown, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
    return this.request<T>(path, { method: 'POST', body, query, signal });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, { method: 'PATCH', body });
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'DELETE' });
  }
}

function buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** Checks a key against an admin-only endpoint before keeping it. */
export async function verifyAdminKey(key: string): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    const response = await fetch('/api/settings/', { headers: { authorization: `Bearer ${key}` } });
    if (response.ok) return { ok: true };
    if (response.status === 401) return { ok: false, message: 'This key is not valid: check it and try again.' };
    if (response.status === 403) return { ok: false, message: 'This key has no admin scope: use the admin key or a key created with scope "admin".' };
    return { ok: false, message: (await readApiError(response)).message };
  } catch {
    return { ok: false, message: 'The gateway did not answer. Is it running?' };
  }
}
