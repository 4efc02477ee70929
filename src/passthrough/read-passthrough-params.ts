import { invalidRequest } from '../errors/gateway-error.ts';
import { isPlainObject, splitGatewayParams, type GatewayParams } from '../gateway/gateway-params.ts';

/** Body fields that hold a gateway-params object (the legacy name too). */
const CHANNELS = ['respan_params', 'keywordsai_params'] as const;

export interface PassthroughParams {
  params: GatewayParams;
  /** The native body without any gateway parameter, ready to forward. */
  body: Record<string, unknown>;
}

/**
 * Gateway parameters on a native body (contract §5). A native body's top-level fields are the
 * provider's own (Anthropic's `metadata` is its user-id holder, not the gateway's), so only the
 * dedicated channels are read: the `X-Data-Respan-Params` header, `metadata.respan_params` (where
 * the Anthropic SDK's typed `metadata` lets a caller put it; Anthropic bodies only) and top-level
 * `respan_params`, later ones winning, as `respan_params` wins over the header on the router. Each
 * is removed before forwarding; a `metadata` left empty is removed too, since Anthropic would keep
 * an empty object as is but the caller never sent one.
 */
export function readPassthroughParams(body: unknown, options: { header: string | undefined; readMetadata: boolean }): PassthroughParams {
  if (!isPlainObject(body)) throw invalidRequest('The request body must be a JSON object', 'body');
  let forwarded = body;
  let fromMetadata: GatewayParams | undefined;
  const metadata = body.metadata;
  if (options.readMetadata && isPlainObject(metadata) && CHANNELS.some((channel) => channel in metadata)) {
    const remaining = { ...metadata };
    for (const channel of CHANNELS) {
      if (channel in remaining) fromMetadata = { ...fromMetadata, ...readChannel(remaining[channel], `metadata.${channel}`) };
      delete remaining[channel];
    }
    forwarded = { ...body };
    if (Object.keys(remaining).length === 0) delete forwarded.metadata;
    else forwarded.metadata = remaining;
  }
  let fromBody: GatewayParams | undefined;
  for (const channel of CHANNELS) {
    if (!(channel in forwarded)) continue;
    fromBody = { ...fromBody, ...readChannel(forwarded[channel], channel) };
    if (forwarded === body) forwarded = { ...body };
    delete forwarded[channel];
  }
  // The router's header decoding (base64 or raw JSON) applies unchanged.
  const fromHeader = options.header === undefined ? undefined : splitGatewayParams({}, options.header).params;
  if (fromHeader === undefined && fromMetadata === undefined && fromBody === undefined) return { params: {}, body: forwarded };
  return { params: { ...fromHeader, ...fromMetadata, ...fromBody }, body: forwarded };
}

function readChannel(value: unknown, name: string): GatewayParams {
  if (value === undefined || value === null) return {};
  const decoded = typeof value === 'string' ? parseJson(value) : value;
  if (!isPlainObject(decoded)) throw invalidRequest(`${name} must be a JSON object`, name);
  return decoded;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
