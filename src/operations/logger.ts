import pino from 'pino';

/**
 * Operator-facing log lines (JSON, one per line, on stderr so stdout stays free). Request bodies
 * and credentials are never passed to it; `redact` is a second fence for fields that might carry one.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'switchboard' },
  redact: { paths: ['*.api_key', '*.key', '*.authorization', '*.secret', 'headers.authorization', 'headers["x-api-key"]'], censor: '[redacted]' },
}, pino.destination({ dest: 2, sync: false }));

export type Logger = typeof logger;
