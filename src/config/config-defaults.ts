import type { Config } from './config.ts';

/** What the gateway runs with when neither the file nor the environment says otherwise (contract §1). */
export const configDefaults = {
  port: 8080,
  host: '127.0.0.1',
  databaseUrl: 'sqlite:./data/switchboard.db',
  redisKeyPrefix: 'switchboard:',
  fallbackModels: [],
  retries: { retryEnabled: true, numRetries: 3, retryAfter: 0.2 },
  cache: { defaultTtl: 1800 },
  maxRequestBodyMb: 32,
  timeouts: { connectS: 10, firstByteS: 120, idleStreamS: 60, requestS: 600 },
  redaction: { enabled: false, patterns: [] },
  allowPrivateImageUrls: false,
  // The per-key edge rate limit is opt-in (0 = off): a gateway's own throughput must not be capped
  // by a default, and spend and request limits per key already exist (contract §6).
  abuse: { requestsPerSecond: 0, burst: 2000, maxJsonDepth: 64, maxArrayLength: 100_000 },
} as const satisfies Partial<Config>;
