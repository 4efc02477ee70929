import type { ProviderCredentials } from '../providers/provider.ts';
import { configDefaults } from './config-defaults.ts';
import type { ConfigFile } from './config-file-schema.ts';
import type { Config } from './config.ts';
import type { EnvironmentSettings } from './read-environment-settings.ts';
import { resolveDatabaseUrl } from './resolve-database-url.ts';
import type { ProviderSettings } from './resolve-provider-settings.ts';
import { withoutUndefined } from './without-undefined.ts';

/**
 * Layers the validated sources into the typed Config. Precedence, lowest first: defaults, the
 * config file, the environment, the command line (contract §1).
 */
export function assembleConfig(options: {
  file: ConfigFile;
  providerSettings: ProviderSettings;
  environment: EnvironmentSettings;
  environmentProviders: Record<string, ProviderCredentials>;
  overrides: { port?: number; host?: string };
  cwd: string;
}): Config {
  const { file, providerSettings, environment, environmentProviders, overrides, cwd } = options;
  return withoutUndefined({
    port: overrides.port ?? environment.port ?? file.port ?? configDefaults.port,
    host: overrides.host ?? environment.host ?? file.host ?? configDefaults.host,
    adminKey: environment.adminKey ?? file.admin_key,
    databaseUrl: resolveDatabaseUrl(environment.databaseUrl ?? file.database_url ?? configDefaults.databaseUrl, cwd),
    redisUrl: environment.redisUrl ?? file.redis_url,
    redisKeyPrefix: environment.redisKeyPrefix ?? file.redis_key_prefix ?? configDefaults.redisKeyPrefix,
    secret: environment.secret ?? file.secret,
    previousSecret: environment.previousSecret,
    // The file's providers win: the environment only fills in providers the file leaves out.
    providers: { ...environmentProviders, ...providerSettings.providers },
    deployments: providerSettings.deployments,
    models: providerSettings.models,
    fallbackModels: file.fallback_models,
    retries: {
      retryEnabled: file.retries.retry_enabled,
      numRetries: file.retries.num_retries,
      retryAfter: file.retries.retry_after,
    },
    loadBalanceGroups: file.load_balance_groups.map((group) => ({
      groupId: group.group_id,
      models: group.models.map((member) =>
        withoutUndefined({
          model: member.model,
          weight: member.weight,
          credentials: member.credentials === undefined ? undefined : withoutUndefined(member.credentials),
        }),
      ),
    })),
    cache: { defaultTtl: file.cache.default_ttl },
    maxRequestBodyMb: file.max_request_body_mb ?? configDefaults.maxRequestBodyMb,
    timeouts: {
      connectS: file.timeouts.connect_s,
      firstByteS: file.timeouts.first_byte_s,
      idleStreamS: file.timeouts.idle_stream_s,
      requestS: file.timeouts.request_s,
    },
    alerts: withoutUndefined({
      slackWebhookUrl: file.alerts.slack_webhook_url,
      email:
        file.alerts.email === undefined
          ? undefined
          : { smtpUrl: file.alerts.email.smtp_url, from: file.alerts.email.from, to: file.alerts.email.to },
    }),
    apiKeys: file.api_keys.map((apiKey) => ({
      name: apiKey.name,
      key: apiKey.key,
      scope: apiKey.scope,
      limits: apiKey.limits.map((limit) =>
        withoutUndefined({ metric: limit.metric, window: limit.window, warnAt: limit.warn_at, blockAt: limit.block_at }),
      ),
    })),
    logRetentionDays: environment.logRetentionDays ?? file.log_retention_days,
    limitsUnavailablePolicy: file.limits_unavailable_policy,
    redaction: { enabled: file.redaction.enabled, patterns: file.redaction.patterns },
    allowPrivateImageUrls: file.allow_private_image_urls,
    abuse: {
      requestsPerSecond: file.abuse.requests_per_second,
      burst: file.abuse.burst,
      maxJsonDepth: file.abuse.max_json_depth,
      maxArrayLength: file.abuse.max_array_length,
    },
  });
}
