import { z } from 'zod';
import { configDefaults } from './config-defaults.ts';
import {
  booleanFromText,
  databaseUrlSchema,
  httpUrlSchema,
  nonEmptyTextSchema,
  nonNegativeNumberSchema,
  numberFromText,
  portSchema,
  positiveNumberSchema,
  redisUrlSchema,
  urlSchema,
} from './setting-schemas.ts';

/**
 * The config file as written (contract §2): snake_case keys, validated strictly so a misspelt key
 * is an error rather than a silently ignored setting. Provider ids and credentials are only shaped
 * here; resolve-provider-settings.ts checks them against the provider registry.
 */

const credentialsSchema = z.record(z.string(), z.unknown());

/** `ollama:` with nothing after it configures the provider with no credentials. */
const providerEntrySchema = z.preprocess((value) => value ?? {}, credentialsSchema);

const limitSchema = z
  .strictObject({
    metric: z.enum(['cost', 'requests', 'tokens']),
    window: z.enum(['minute', 'hour', 'day', 'week', 'month', 'lifetime']),
    warn_at: nonNegativeNumberSchema.optional(),
    block_at: nonNegativeNumberSchema.optional(),
  })
  .superRefine((limit, context) => {
    if (limit.warn_at === undefined && limit.block_at === undefined) {
      context.addIssue({ code: 'custom', message: 'expected warn_at, block_at or both' });
    }
    if (limit.warn_at !== undefined && limit.block_at !== undefined && limit.warn_at > limit.block_at) {
      context.addIssue({ code: 'custom', path: ['warn_at'], message: 'must not be greater than block_at' });
    }
  });

const apiKeySchema = z.strictObject({
  name: nonEmptyTextSchema,
  key: z.string().min(8),
  scope: z.enum(['inference', 'read', 'admin']).default('inference'),
  limits: z.array(limitSchema).default([]),
});

/** Structural keys; every other key of a deployment is a credential for its provider. */
export const deploymentStructuralKeys = ['name', 'provider', 'weight', 'available_models'] as const;

const deploymentSchema = z.looseObject({
  name: nonEmptyTextSchema,
  provider: nonEmptyTextSchema,
  weight: positiveNumberSchema.default(1),
  available_models: z.array(nonEmptyTextSchema).optional(),
});

const customModelSchema = z
  .strictObject({
    model_name: nonEmptyTextSchema,
    base_model_name: nonEmptyTextSchema.optional(),
    provider: nonEmptyTextSchema.optional(),
    upstream_model: nonEmptyTextSchema.optional(),
    input_cost: nonNegativeNumberSchema.optional(),
    output_cost: nonNegativeNumberSchema.optional(),
    context_window: numberFromText(z.number().int().positive()).optional(),
  })
  .refine((model) => model.base_model_name !== undefined || model.provider !== undefined, {
    error: 'expected base_model_name (an alias) or provider (a custom model)',
  });

const loadBalanceGroupSchema = z.strictObject({
  group_id: nonEmptyTextSchema,
  models: z
    .array(z.strictObject({ model: nonEmptyTextSchema, weight: positiveNumberSchema.default(1), credentials: credentialsSchema.optional() }))
    .min(1),
});

const defaults = configDefaults;

/** Duplicate checks run even when an entry is invalid, so one run reports both problems. */
const always = { when: () => true };

const retriesSchema = z.strictObject({
  retry_enabled: booleanFromText().default(defaults.retries.retryEnabled),
  num_retries: numberFromText(z.number().int().min(0)).default(defaults.retries.numRetries),
  retry_after: nonNegativeNumberSchema.default(defaults.retries.retryAfter),
});

const timeoutsSchema = z.strictObject({
  connect_s: positiveNumberSchema.default(defaults.timeouts.connectS),
  first_byte_s: positiveNumberSchema.default(defaults.timeouts.firstByteS),
  idle_stream_s: positiveNumberSchema.default(defaults.timeouts.idleStreamS),
  request_s: positiveNumberSchema.default(defaults.timeouts.requestS),
});

const alertsSchema = z.strictObject({
  slack_webhook_url: httpUrlSchema.optional(),
  email: z
    .strictObject({
      smtp_url: urlSchema(['smtp:', 'smtps:'], 'expected an smtp:// or smtps:// URL'),
      from: nonEmptyTextSchema,
      to: z.array(nonEmptyTextSchema).min(1),
    })
    .optional(),
});

const redactionSchema = z.strictObject({
  enabled: booleanFromText().default(defaults.redaction.enabled),
  patterns: z.array(z.string().superRefine(checkRegularExpression)).default([]),
});

const abuseSchema = z.strictObject({
  requests_per_second: nonNegativeNumberSchema.default(defaults.abuse.requestsPerSecond),
  burst: positiveNumberSchema.default(defaults.abuse.burst),
  max_json_depth: positiveNumberSchema.default(defaults.abuse.maxJsonDepth),
  max_array_length: positiveNumberSchema.default(defaults.abuse.maxArrayLength),
});

export const configFileSchema = z.strictObject({
  port: portSchema.optional(),
  host: nonEmptyTextSchema.optional(),
  admin_key: nonEmptyTextSchema.optional(),
  database_url: databaseUrlSchema.optional(),
  redis_url: redisUrlSchema.optional(),
  redis_key_prefix: z.string().optional(),
  secret: nonEmptyTextSchema.optional(),
  providers: z.record(z.string(), providerEntrySchema).default({}),
  deployments: z.array(deploymentSchema).superRefine(uniqueBy({ section: 'deployments', field: 'name' }), always).default([]),
  models: z.array(customModelSchema).superRefine(uniqueBy({ section: 'models', field: 'model_name' }), always).default([]),
  fallback_models: z.array(nonEmptyTextSchema).default([]),
  retries: retriesSchema.prefault({}),
  load_balance_groups: z.array(loadBalanceGroupSchema).superRefine(uniqueBy({ section: 'load_balance_groups', field: 'group_id' }), always).default([]),
  cache: z.strictObject({ default_ttl: nonNegativeNumberSchema.default(defaults.cache.defaultTtl) }).prefault({}),
  max_request_body_mb: positiveNumberSchema.optional(),
  timeouts: timeoutsSchema.prefault({}),
  alerts: alertsSchema.default({}),
  api_keys: z
    .array(apiKeySchema)
    .superRefine(uniqueBy({ section: 'api_keys', field: 'name' }), always)
    .superRefine(uniqueBy({ section: 'api_keys', field: 'key', reveal: false }), always)
    .default([]),
  log_retention_days: positiveNumberSchema.optional(),
  limits_unavailable_policy: z.enum(['fail_open', 'fail_closed']).default('fail_open'),
  redaction: redactionSchema.prefault({}),
  allow_private_image_urls: booleanFromText().default(defaults.allowPrivateImageUrls),
  abuse: abuseSchema.prefault({}),
});

export type ConfigFile = z.output<typeof configFileSchema>;

/**
 * The sections that name providers, checked on their own so provider problems are reported in the
 * same run as problems elsewhere in the file. A broken deployments or models section (already
 * reported) counts as empty here; a broken providers section stops provider checks, since
 * deployments and models may name the custom hosts it defines.
 */
export const providerSectionsSchema = z.object({
  providers: configFileSchema.shape.providers,
  deployments: configFileSchema.shape.deployments.catch([]),
  models: configFileSchema.shape.models.catch([]),
});

export type ProviderSections = z.output<typeof providerSectionsSchema>;

export const configFileKeys: readonly string[] = Object.keys(configFileSchema.shape);

/** Patterns are compiled as the redactor compiles them: `new RegExp(pattern, 'g')`. */
function checkRegularExpression(pattern: string, context: z.RefinementCtx): void {
  try {
    new RegExp(pattern, 'g');
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/g?: /s, '');
    context.addIssue({ code: 'custom', message: `invalid regular expression: ${reason}` });
  }
}

/** Names that identify an entry must be unique; `reveal: false` keeps secret values out of the message. */
function uniqueBy(options: { section: string; field: string; reveal?: boolean }) {
  const { section, field, reveal = true } = options;
  return (entries: readonly unknown[], context: z.RefinementCtx): void => {
    const firstIndex = new Map<unknown, number>();
    entries.forEach((entry, index) => {
      // Runs even when an entry failed validation, so it must not assume the entry's shape.
      const value = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>)[field] : undefined;
      if (value === undefined) return;
      const earlier = firstIndex.get(value);
      if (earlier === undefined) {
        firstIndex.set(value, index);
        return;
      }
      const shown = reveal ? ` ${JSON.stringify(value)}` : '';
      context.addIssue({ code: 'custom', path: [index, field], message: `duplicate${shown}: ${section}[${earlier}] has the same ${field}` });
    });
  };
}
