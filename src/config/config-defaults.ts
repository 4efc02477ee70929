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
  timeouts: { connectS: 10, firstByteS: 120, idleStreamS: 60 },
  redaction: { enabled: false, patterns: [] },
  allowPrivateImageUrls: false,
  // Generous: a flood guard per key, far above what one client sends in normal use. A load
  // benchmark driving one key harder sets `abuse.requests_per_second: 0`.
  abuse: { requestsPerSecond: 1000, burst: 2000, maxJsonDepth: 64, maxArrayLength: 100_000 },
} as const satisfies Partial<Config>;
