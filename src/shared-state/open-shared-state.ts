import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { localChangeNotices, redisChangeNotices, type ChangeNotices } from './change-notices.ts';

export interface SharedState {
  /** Commands connection, when replicas share a Redis (`REDIS_URL`). */
  redis: Redis | undefined;
  keyPrefix: string;
  notices: ChangeNotices;
  /** Called (once wired) when this replica must reload everything, e.g. after missing notices. */
  onResync(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * Memory for one process; Redis when `REDIS_URL` is set (contract §11). ioredis is loaded only
 * then, so a single-process gateway does not carry it.
 */
export async function openSharedState(options: { redisUrl?: string; keyPrefix: string }): Promise<SharedState> {
  if (options.redisUrl === undefined) {
    return { redis: undefined, keyPrefix: options.keyPrefix, notices: localChangeNotices(), onResync() {}, close: async () => {} };
  }
  const { openRedis } = await import('./redis-connection.ts');
  const redis = openRedis(options.redisUrl, 'commands');
  const subscriber = openRedis(options.redisUrl, 'subscriber');
  const resyncListeners: Array<() => void> = [];
  const notices = redisChangeNotices({
    publisher: redis,
    subscriber,
    channel: `${options.keyPrefix}changes`,
    origin: randomUUID(),
    onReconnect: () => resyncListeners.forEach((listener) => listener()),
  });
  return {
    redis,
    keyPrefix: options.keyPrefix,
    notices,
    onResync: (listener) => resyncListeners.push(listener),
    async close() {
      await notices.close();
      redis.disconnect();
    },
  };
}
