import type { CacheOperation } from './cache-key.ts';

/**
 * Whether an answer to this request may be stored and reused at all. A Responses request whose
 * answer depends on server-side state that changes (a `conversation` grows with every turn) or
 * that returns before the answer exists (`background: true` returns a queued response) cannot be
 * replayed from its body alone. `previous_response_id` is fine: it names one immutable response,
 * and it is part of the key.
 */
export function isCacheableRequest(operation: CacheOperation, request: Record<string, unknown>): boolean {
  if (operation !== 'responses') return true;
  return request.background !== true && (request.conversation === undefined || request.conversation === null);
}
