import { z } from 'zod';
import type { AlertsConfig, Config, RetryConfig } from '../config/config.ts';
import { httpUrlSchema, urlSchema } from '../config/setting-schemas.ts';
import { withoutUndefined } from '../config/without-undefined.ts';
import { ValidationError } from '../errors/validation-error.ts';
import { maskUrlCredentials } from './mask-url-credentials.ts';

/**
 * The single-valued platform settings of `/api/settings/` (contract §8): what the API stored over
 * the config file, how a PATCH changes it, and the effective values it yields.
 */

export interface EmailAlertsWire {
  smtp_url: string;
  from: string;
  to: string[];
}

/**
 * What the API has set, field by field, spelt as in the YAML. A field that is absent follows the
 * config file, so a later config edit still applies to every field the API never touched. For the
 * optional settings (alerts, retention) `null` is an explicit "off" that also overrides the file:
 * an operator silencing a noisy Slack channel from the dashboard expects it to stay silent.
 */
export interface SettingsOverrides {
  fallback_models?: string[];
  retries?: { retry_enabled?: boolean; num_retries?: number; retry_after?: number };
  cache?: { default_ttl?: number };
  alerts?: { slack_webhook_url?: string | null; email?: EmailAlertsWire | null };
  log_retention_days?: number | null;
}

export interface ScalarSettings {
  fallbackModels: string[];
  retries: RetryConfig;
  cacheDefaultTtl: number;
  alerts: AlertsConfig;
  logRetentionDays?: number;
}

const nonEmptyText = z.string().trim().min(1);
const smtpUrlSchema = urlSchema(['smtp:', 'smtps:'], 'expected an smtp:// or smtps:// URL');

/**
 * Every field optional: PATCH changes only what it names. The caps are tighter than the config
 * file's: a typo in a dashboard field (num_retries 100, retry_after 600) would otherwise stall every
 * failing request for minutes, and upstream Retry-After waits are capped at 60 s anyway.
 */
export const settingsPatchSchema = z.strictObject({
  fallback_models: z
    .array(nonEmptyText)
    .max(20)
    .refine((models) => new Set(models).size === models.length, { error: 'lists a model more than once' })
    .optional(),
  retries: z
    .strictObject({
      retry_enabled: z.boolean().optional(),
      num_retries: z.int().min(0).max(10).optional(),
      retry_after: z.number().min(0).max(60).optional(),
    })
    .optional(),
  cache: z.strictObject({ default_ttl: z.number().min(0).optional() }).optional(),
  alerts: z
    .strictObject({
      slack_webhook_url: httpUrlSchema.nullable().optional(),
      // Partial: changing the recipients alone must not require re-entering the SMTP password.
      email: z
        .strictObject({ smtp_url: smtpUrlSchema.optional(), from: nonEmptyText.optional(), to: z.array(nonEmptyText).min(1).optional() })
        .nullable()
        .optional(),
    })
    .optional(),
  log_retention_days: z.number().positive().nullable().optional(),
});

export type SettingsPatch = z.output<typeof settingsPatchSchema>;

export function effectiveScalarSettings(config: Config, overrides: SettingsOverrides): ScalarSettings {
  const retries = overrides.retries ?? {};
  const alerts = overrides.alerts ?? {};
  const email = alerts.email === undefined ? config.alerts.email : alerts.email === null ? undefined : emailFromWire(alerts.email);
  return withoutUndefined({
    fallbackModels: overrides.fallback_models ?? config.fallbackModels,
    retries: {
      retryEnabled: retries.retry_enabled ?? config.retries.retryEnabled,
      numRetries: retries.num_retries ?? config.retries.numRetries,
      retryAfter: retries.retry_after ?? config.retries.retryAfter,
    },
    cacheDefaultTtl: overrides.cache?.default_ttl ?? config.cache.defaultTtl,
    alerts: withoutUndefined({
      slackWebhookUrl: alerts.slack_webhook_url === undefined ? config.alerts.slackWebhookUrl : alerts.slack_webhook_url ?? undefined,
      email,
    }),
    logRetentionDays: overrides.log_retention_days === undefined ? config.logRetentionDays : overrides.log_retention_days ?? undefined,
  });
}

/** The overrides after a PATCH; `current` (the effective values) completes a partial email block. */
export function applySettingsPatch(options: { overrides: SettingsOverrides; patch: SettingsPatch; current: ScalarSettings }): SettingsOverrides {
  const { patch, current } = options;
  const next: SettingsOverrides = structuredClone(options.overrides);
  if (patch.fallback_models !== undefined) next.fallback_models = patch.fallback_models;
  if (patch.retries !== undefined) next.retries = { ...next.retries, ...withoutUndefined(patch.retries) };
  if (patch.cache?.default_ttl !== undefined) next.cache = { default_ttl: patch.cache.default_ttl };
  if (patch.alerts !== undefined) {
    const alerts = { ...next.alerts };
    if (patch.alerts.slack_webhook_url !== undefined) alerts.slack_webhook_url = patch.alerts.slack_webhook_url;
    if (patch.alerts.email !== undefined) alerts.email = patch.alerts.email === null ? null : completeEmail(patch.alerts.email, current.alerts.email);
    next.alerts = alerts;
  }
  if (patch.log_retention_days !== undefined) next.log_retention_days = patch.log_retention_days;
  return next;
}

function completeEmail(patch: Partial<EmailAlertsWire>, current: AlertsConfig['email']): EmailAlertsWire {
  // The masked URL a GET returned means "unchanged": keep the real one with its password.
  const unchangedUrl = current !== undefined && patch.smtp_url === maskUrlCredentials(current.smtpUrl);
  const merged: Partial<EmailAlertsWire> = {
    ...(current !== undefined && { smtp_url: current.smtpUrl, from: current.from, to: current.to }),
    ...withoutUndefined(patch),
    ...(unchangedUrl && { smtp_url: current.smtpUrl }),
  };
  const errors: Record<string, string[]> = {};
  for (const field of ['smtp_url', 'from', 'to'] as const) {
    if (merged[field] === undefined) errors[`alerts.email.${field}`] = ['required to turn on email alerts'];
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return merged as EmailAlertsWire;
}

/** GET /api/settings/: effective values as the YAML spells them, secrets in URLs masked. */
export function settingsToWire(settings: ScalarSettings, overrides: SettingsOverrides) {
  const email = settings.alerts.email;
  return {
    fallback_models: settings.fallbackModels,
    retries: { retry_enabled: settings.retries.retryEnabled, num_retries: settings.retries.numRetries, retry_after: settings.retries.retryAfter },
    cache: { default_ttl: settings.cacheDefaultTtl },
    alerts: {
      slack_webhook_url: settings.alerts.slackWebhookUrl ?? null,
      email: email === undefined ? null : { smtp_url: maskUrlCredentials(email.smtpUrl), from: email.from, to: email.to },
    },
    log_retention_days: settings.logRetentionDays ?? null,
    // Which fields the API has set, so the dashboard can show what shadows the config file.
    api_overrides: overriddenFields(overrides),
  };
}

function overriddenFields(overrides: SettingsOverrides): string[] {
  const fields: string[] = [];
  if (overrides.fallback_models !== undefined) fields.push('fallback_models');
  // Known fields in a fixed order: Postgres jsonb does not keep the order keys were written in.
  for (const field of ['retry_enabled', 'num_retries', 'retry_after'] as const) {
    if (overrides.retries?.[field] !== undefined) fields.push(`retries.${field}`);
  }
  if (overrides.cache?.default_ttl !== undefined) fields.push('cache.default_ttl');
  for (const field of ['slack_webhook_url', 'email'] as const) {
    if (overrides.alerts?.[field] !== undefined) fields.push(`alerts.${field}`);
  }
  if (overrides.log_retention_days !== undefined) fields.push('log_retention_days');
  return fields;
}

function emailFromWire(email: EmailAlertsWire): NonNullable<AlertsConfig['email']> {
  return { smtpUrl: email.smtp_url, from: email.from, to: email.to };
}
