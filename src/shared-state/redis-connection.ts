import { Redis } from 'ioredis';
import { logger } from '../operations/logger.ts';

/**
 * Connections to the Redis that replicas share (contract §11). Commands fail fast when Redis is
 * away (no offline queue, one retry): callers treat a failure as "shared state unavailable" and
 * degrade (a cache miss, the limits policy), never stall a request. Subscribers need a connection
 * of their own (a subscribed Redis connection accepts no other commands).
 */
export function openRedis(url: string, role: 'commands' | 'subscriber'): Redis {
  const client = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: role === 'subscriber',
    maxRetriesPerRequest: role === 'commands' ? 1 : null,
    connectTimeout: 2_000,
    commandTimeout: role === 'commands' ? 2_000 : undefined,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let reported = false;
  client.on('error', (error: Error) => {
    // ioredis emits an error per failed reconnect: say it once per outage.
    if (!reported) logger.warn({ role, error: error.message }, 'redis unavailable; shared state degraded');
    reported = true;
  });
  client.on('ready', () => {
    if (reported) logger.info({ role }, 'redis reachable again');
    reported = false;
  });
  return client;
}
