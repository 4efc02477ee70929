/**
 * The one error type the gateway raises on purpose. Whoever creates it decides the HTTP status,
 * the OpenAI error `type`/`code`/`param`, and whether another attempt may follow; the HTTP edge
 * only renders it (http/plugins/render-errors.ts).
 */
export interface GatewayErrorOptions {
  status: number;
  message: string;
  /** OpenAI error `type`, e.g. `invalid_request_error`. */
  type?: string;
  code?: string | null;
  param?: string | null;
  headers?: Record<string, string>;
  cause?: unknown;
}

export class GatewayError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  constructor(options: GatewayErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = 'GatewayError';
    this.status = options.status;
    this.type = options.type ?? typeForStatus(options.status);
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.headers = options.headers ?? {};
  }

  toJSON(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

function typeForStatus(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

export function invalidRequest(message: string, param: string | null = null, code: string | null = null): GatewayError {
  return new GatewayError({ status: 400, message, param, code });
}
