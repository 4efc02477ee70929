import type { z } from 'zod';
import type { ConfigProblem } from './config-error.ts';
import { describeSchemaIssue } from './describe-schema-issue.ts';
import {
  databaseUrlSchema,
  nonEmptyTextSchema,
  portSchema,
  positiveNumberSchema,
  redisUrlSchema,
} from './setting-schemas.ts';

/** Settings the environment may set; each beats the config file (contract §1). */
export interface EnvironmentSettings {
  port?: number;
  host?: string;
  databaseUrl?: string;
  redisUrl?: string;
  redisKeyPrefix?: string;
  adminKey?: string;
  secret?: string;
  previousSecret?: string;
  logRetentionDays?: number;
}

const environmentVariables: ReadonlyArray<{ variable: string; setting: keyof EnvironmentSettings; schema: z.ZodType }> = [
  { variable: 'PORT', setting: 'port', schema: portSchema },
  { variable: 'HOST', setting: 'host', schema: nonEmptyTextSchema },
  { variable: 'DATABASE_URL', setting: 'databaseUrl', schema: databaseUrlSchema },
  { variable: 'REDIS_URL', setting: 'redisUrl', schema: redisUrlSchema },
  { variable: 'REDIS_KEY_PREFIX', setting: 'redisKeyPrefix', schema: nonEmptyTextSchema },
  { variable: 'SWITCHBOARD_ADMIN_KEY', setting: 'adminKey', schema: nonEmptyTextSchema },
  { variable: 'SWITCHBOARD_SECRET', setting: 'secret', schema: nonEmptyTextSchema },
  { variable: 'SWITCHBOARD_SECRET_PREVIOUS', setting: 'previousSecret', schema: nonEmptyTextSchema },
  { variable: 'LOG_RETENTION_DAYS', setting: 'logRetentionDays', schema: positiveNumberSchema },
];

/**
 * Reads and validates the environment's settings. A variable set to the empty string counts as
 * unset, as in the config file's `${VAR}` substitution.
 */
export function readEnvironmentSettings(env: Record<string, string | undefined>): {
  settings: EnvironmentSettings;
  problems: ConfigProblem[];
} {
  const settings: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const { variable, setting, schema } of environmentVariables) {
    const text = env[variable];
    if (text === undefined || text === '') continue;
    const result = schema.safeParse(text, { error: describeSchemaIssue });
    if (result.success) settings[setting] = result.data;
    else problems.push(...result.error.issues.map((issue) => ({ path: variable, message: issue.message, where: 'environment variable' })));
  }
  return { settings: settings as EnvironmentSettings, problems };
}
