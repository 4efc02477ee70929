/**
 * Upstream response headers a native client reads: the body's type, the delay to wait before a
 * retry, the request id to quote to support, rate-limit state, and Anthropic's `x-should-retry`
 * hint, which its SDKs obey. Hop-by-hop and framing headers (`content-length`,
 * `transfer-encoding`, `connection`) are the gateway's own to set, and the rest (cookies, the
 * upstream account's ids) stay behind.
 */
const EXACT_NAMES: ReadonlySet<string> = new Set([
  'content-type', 'retry-after', 'retry-after-ms', 'request-id', 'x-request-id', 'x-should-retry',
  'x-amzn-requestid', 'x-goog-request-id',
]);

const PREFIXES = ['anthropic-ratelimit-', 'x-ratelimit-'] as const;

export function pickResponseHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (EXACT_NAMES.has(name) || PREFIXES.some((prefix) => name.startsWith(prefix))) picked[name] = value;
  }
  return picked;
}
