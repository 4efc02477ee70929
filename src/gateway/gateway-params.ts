import { invalidRequest } from '../errors/gateway-error.ts';

/**
 * Gateway parameters (contract §4) arrive in three channels: top-level body fields (the OpenAI
 * SDK's `extra_body`), a `respan_params` object, and the `X-Data-Respan-Params` header (base64 of a
 * JSON object, or raw JSON). Precedence: `respan_params` > header > top level, per Respan's newest
 * reference. Legacy `keywordsai_params` / `X-Data-Keywordsai-Params` are the same channels.
 * Gateway parameters are removed from the body: they never reach an upstream.
 */

export interface CustomerParams {
  customer_identifier?: string;
  name?: string;
  email?: string;
  [field: string]: unknown;
}

export interface GatewayParams {
  customer_identifier?: string;
  customer_params?: CustomerParams;
  customer_email?: string;
  customer_name?: string;
  metadata?: Record<string, unknown>;
  thread_identifier?: string;
  custom_identifier?: string;
  disable_log?: boolean;
  fallback_models?: string[];
  disable_fallback?: boolean;
  models?: string[];
  load_balance_group?: { group_id: string; models?: Array<{ model: string; weight?: number; credentials?: Record<string, unknown> }> };
  customer_credentials?: Record<string, Record<string, unknown>>;
  credential_override?: Record<string, Record<string, unknown>>;
  retry_params?: { retry_enabled?: boolean; num_retries?: number; retry_after?: number };
  cache_enabled?: boolean;
  cache_ttl?: number;
  cache_options?: { cache_by_customer?: boolean; is_cached_by_model?: boolean; omit_log?: boolean };
  prompt?: Record<string, unknown>;
  eval_params?: Record<string, unknown>;
  [field: string]: unknown;
}

/** Every name the gateway owns; anything else in the body is the upstream's. */
const GATEWAY_FIELDS: ReadonlySet<string> = new Set([
  'customer_identifier', 'customer_params', 'customer_email', 'customer_name', 'metadata', 'properties',
  'thread_identifier', 'custom_identifier', 'group_identifier', 'span_name', 'disable_log', 'request_breakdown',
  'positive_feedback', 'fallback_models', 'disable_fallback', 'models', 'exclude_models', 'exclude_providers',
  'load_balance_group', 'load_balance_models', 'customer_credentials', 'credential_override', 'customer_api_keys',
  'retry_params', 'cache_enabled', 'cache_ttl', 'cache_options', 'eval_params', 'trace_unique_id',
  'span_unique_id', 'span_parent_id', 'span_workflow_name', 'session_identifier', 'environment',
  'prompt_unit_price', 'completion_unit_price',
]);

const BODY_CHANNELS = ['respan_params', 'keywordsai_params'] as const;

export interface SplitRequest<Body> {
  params: GatewayParams;
  /** The body with every gateway field removed. */
  body: Body;
}

/**
 * Separates gateway parameters from the upstream request. `prompt` is the gateway's only when it
 * is a Respan prompt reference (`prompt_id`); OpenAI's own stored-prompt `{id}` passes through.
 */
export function splitGatewayParams<Body extends Record<string, unknown>>(
  body: Body,
  headerValue: string | undefined,
): SplitRequest<Body> {
  let topLevel: GatewayParams | undefined;
  let forwarded: Record<string, unknown> | undefined;
  for (const field in body) {
    if (!isGatewayField(field, body[field])) continue;
    forwarded ??= { ...body };
    delete forwarded[field];
    if (field === 'respan_params' || field === 'keywordsai_params') continue;
    topLevel ??= {};
    topLevel[field] = body[field];
  }
  const header = headerValue === undefined ? undefined : decodeHeaderParams(headerValue);
  let bodyChannel: GatewayParams | undefined;
  for (const channel of BODY_CHANNELS) {
    const value = body[channel];
    if (value === undefined || value === null) continue;
    const decoded = typeof value === 'string' ? parseJsonObject(value) : value;
    if (!isPlainObject(decoded)) throw invalidRequest(`${channel} must be a JSON object`, channel);
    bodyChannel = { ...bodyChannel, ...decoded };
  }
  const params = topLevel === undefined && header === undefined && bodyChannel === undefined
    ? EMPTY_PARAMS
    : { ...topLevel, ...header, ...bodyChannel };
  return { params, body: (forwarded ?? body) as Body };
}

const EMPTY_PARAMS: GatewayParams = Object.freeze({});

function isGatewayField(field: string, value: unknown): boolean {
  if (GATEWAY_FIELDS.has(field) || field === 'respan_params' || field === 'keywordsai_params') return true;
  return field === 'prompt' && isPlainObject(value) && 'prompt_id' in value;
}

function decodeHeaderParams(value: string): GatewayParams {
  const trimmed = value.trim();
  const decoded = trimmed.startsWith('{') ? parseJsonObject(trimmed) : parseJsonObject(Buffer.from(trimmed, 'base64').toString('utf8'));
  if (!isPlainObject(decoded)) {
    throw invalidRequest('X-Data-Respan-Params must be a JSON object, raw or base64-encoded', 'X-Data-Respan-Params');
  }
  return decoded;
}

function parseJsonObject(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
