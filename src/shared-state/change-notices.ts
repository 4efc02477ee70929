import type { Redis } from 'ioredis';

/** What changed on some replica; every replica reloads that area from the database. */
export type ChangeArea = 'api_keys' | 'providers' | 'settings' | 'deployments' | 'models' | 'load_balance_groups' | 'cooldown' | 'prompts' | 'customer_limits';

export interface ChangeNotice {
  area: ChangeArea;
  /** Area-specific detail (a cooldown's deployment and end). */
  detail?: Record<string, unknown>;
  /** The replica that made the change, so it does not reload its own. */
  origin: string;
}

export interface ChangeNotices {
  publish(area: ChangeArea, detail?: Record<string, unknown>): void;
  subscribe(listener: (notice: ChangeNotice) => void): void;
  close(): Promise<void>;
}

/** One process: nothing to tell anyone. */
export function localChangeNotices(): ChangeNotices {
  return { publish() {}, subscribe() {}, close: async () => {} };
}

/**
 * Changes announced over Redis pub/sub (contract §11: a key, a revocation or a setting changed on
 * one replica applies on every replica within 1 s). Pub/sub delivery is immediate; a replica that
 * was disconnected reloads everything when it reconnects, so a missed notice is not a lost change.
 */
export function redisChangeNotices(options: { publisher: Redis; subscriber: Redis; channel: string; origin: string; onReconnect: () => void }): ChangeNotices {
  const listeners: Array<(notice: ChangeNotice) => void> = [];
  let subscribedOnce = false;
  options.subscriber.on('message', (channel: string, message: string) => {
    if (channel !== options.channel) return;
    let notice: ChangeNotice;
    try {
      notice = JSON.parse(message) as ChangeNotice;
    } catch {
      return;
    }
    if (notice.origin === options.origin) return;
    for (const listener of listeners) listener(notice);
  });
  options.subscriber.on('ready', () => {
    void options.subscriber.subscribe(options.channel).then(() => {
      if (subscribedOnce) options.onReconnect();
      subscribedOnce = true;
    }, () => {});
  });
  return {
    publish(area, detail) {
      const notice: ChangeNotice = { area, origin: options.origin, ...(detail !== undefined && { detail }) };
      options.publisher.publish(options.channel, JSON.stringify(notice)).catch(() => {
        // Redis is away: the other replicas reload everything when they reconnect to it.
      });
    },
    subscribe(listener) {
      listeners.push(listener);
    },
    async close() {
      options.subscriber.disconnect();
    },
  };
}
