import type { Limit } from '../../api/types.ts';

/** "block 100 requests/day, warn at $50 cost/month" */
export function describeLimits(limits: Limit[]): string {
  if (limits.length === 0) return 'no limits';
  return limits
    .map((limit) => {
      const amount = (value: number) => (limit.metric === 'cost' ? `$${value}` : `${value.toLocaleString()} ${limit.metric}`);
      const window = limit.window === 'lifetime' ? 'in total' : `per ${limit.window}`;
      const parts = [limit.warn_at !== undefined ? `warn at ${amount(limit.warn_at)}` : undefined, limit.block_at !== undefined ? `block at ${amount(limit.block_at)}` : undefined];
      return `${parts.filter(Boolean).join(', ')} ${window}`;
    })
    .join('; ');
}
