import type { AuthContext } from '../keys/auth-context.ts';
import type { GatewayParams } from './gateway-params.ts';
import { timeOrderedId } from './time-ordered-id.ts';

/** What one gateway request carries through the pipeline, whatever its endpoint. */
export interface RequestContext {
  /** `X-Respan-Gateway-Request-Id`; also the trace id that groups its attempts. */
  readonly requestId: string;
  /** The log's `unique_id` (`X-Respan-Log-Id`). */
  readonly logId: string;
  /** performance.now() at arrival, for latency. */
  readonly receivedAt: number;
  /** Wall clock at arrival, ISO 8601. */
  readonly timestamp: string;
  readonly auth: AuthContext;
  /** Aborted when the client goes away: the upstream call is aborted too. */
  readonly signal: AbortSignal;
  /** Header values the pipeline reads (lower-case names). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export function newRequestContext(options: { auth: AuthContext; signal: AbortSignal; headers: RequestContext['headers']; requestId?: string }): RequestContext {
  return {
    requestId: options.requestId ?? timeOrderedId(),
    logId: timeOrderedId(),
    receivedAt: performance.now(),
    timestamp: new Date().toISOString(),
    auth: options.auth,
    signal: options.signal,
    headers: options.headers,
  };
}

export function headerValue(context: RequestContext, name: string): string | undefined {
  const value = context.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The end user named by the request: `customer_params` wins over the flat fields (Respan F49). */
export function customerOf(params: GatewayParams): { identifier: string | null; name: string | null; email: string | null } {
  const nested = params.customer_params;
  const identifier = nested?.customer_identifier ?? params.customer_identifier;
  return {
    identifier: identifier === undefined || identifier === null ? null : String(identifier).slice(0, 120),
    name: stringOrNull(nested?.name ?? params.customer_name),
    email: stringOrNull(nested?.email ?? params.customer_email),
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
