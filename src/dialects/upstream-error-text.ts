import type { UpstreamErrorResponse } from './dialect.ts';

/** How much of an unreadable upstream body an error message quotes. */
const QUOTED_BODY_LIMIT = 300;

/**
 * Small readers every dialect's error decoder shares: upstream error bodies are read leniently
 * (design §6.5), and what reaches the client is bounded.
 */
export function parseJsonLeniently(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function quoteBounded(text: string): string {
  return text.length > QUOTED_BODY_LIMIT ? `${text.slice(0, QUOTED_BODY_LIMIT)}…` : text;
}

/** A message for an error body that is not in the host's error shape. */
export function describeUnreadableBody(status: number, body: string): string {
  const text = body.trim();
  return text === '' ? `The upstream answered HTTP ${status} with an empty body` : `The upstream answered HTTP ${status}: ${quoteBounded(text)}`;
}

/** The named headers an upstream sent, to pass back to the client (`retry-after`, request ids). */
export function pickHeaders(headers: UpstreamErrorResponse['headers'], names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) picked[name] = value;
  }
  return picked;
}
