import { z } from 'zod';
import type { LimitConfig } from '../config/config.ts';

/** A limit as the API and the config file spell it (contract §6): snake_case thresholds. */
export interface LimitWire {
  metric: LimitConfig['metric'];
  window: LimitConfig['window'];
  warn_at?: number;
  block_at?: number;
}

export const limitWireSchema = z
  .object({
    metric: z.enum(['cost', 'requests', 'tokens']),
    window: z.enum(['minute', 'hour', 'day', 'week', 'month', 'lifetime']),
    warn_at: z.number().nonnegative().optional(),
    block_at: z.number().nonnegative().optional(),
  })
  .strict()
  .refine((limit) => limit.warn_at !== undefined || limit.block_at !== undefined, { error: 'a limit needs warn_at, block_at or both' })
  .refine((limit) => limit.warn_at === undefined || limit.block_at === undefined || limit.warn_at <= limit.block_at, { error: 'warn_at must not exceed block_at' });

export function limitFromWire(limit: LimitWire): LimitConfig {
  return { metric: limit.metric, window: limit.window, ...(limit.warn_at !== undefined && { warnAt: limit.warn_at }), ...(limit.block_at !== undefined && { blockAt: limit.block_at }) };
}

export function limitToWire(limit: LimitConfig): LimitWire {
  return { metric: limit.metric, window: limit.window, ...(limit.warnAt !== undefined && { warn_at: limit.warnAt }), ...(limit.blockAt !== undefined && { block_at: limit.blockAt }) };
}
