import type { ProviderCredentials } from '../providers/provider.ts';

/**
 * The validated, typed configuration (contract §2), built once at start-up by load-config.ts from
 * defaults, the YAML file and the environment. Field names are camelCase versions of the YAML keys.
 */

export type LimitMetric = 'cost' | 'requests' | 'tokens';
export type LimitWindow = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'lifetime';

export interface LimitConfig {
  metric: LimitMetric;
  window: LimitWindow;
  warnAt?: number;
  blockAt?: number;
}

export type ApiKeyScope = 'inference' | 'read' | 'admin';

export interface ApiKeyConfig {
  name: string;
  key: string;
  scope: ApiKeyScope;
  limits: LimitConfig[];
}

export interface DeploymentConfig {
  name: string;
  provider: string;              // canonical provider id
  credentials: ProviderCredentials;  // api_key, base_url, ... as for the provider
  weight: number;
  availableModels?: string[];
}

export interface CustomModelConfig {
  modelName: string;
  /** Alias target: requests for modelName are served as this model. */
  baseModelName?: string;
  provider?: string;             // canonical provider id
  /** The id sent upstream; defaults to modelName. */
  upstreamModel?: string;
  /** USD per 1M tokens. */
  inputCost?: number;
  outputCost?: number;
  contextWindow?: number;
}

export interface RetryConfig {
  retryEnabled: boolean;
  numRetries: number;
  /** Seconds; the first backoff step. */
  retryAfter: number;
}

export interface LoadBalanceGroupConfig {
  groupId: string;
  models: Array<{ model: string; weight: number; credentials?: ProviderCredentials }>;
}

export interface TimeoutConfig {
  connectS: number;
  firstByteS: number;
  idleStreamS: number;
  /** The whole request, every retry and fallback included: no new attempt starts after it. */
  requestS: number;
}

export interface AlertsConfig {
  slackWebhookUrl?: string;
  email?: { smtpUrl: string; from: string; to: string[] };
}

export interface Config {
  port: number;
  host: string;
  adminKey?: string;
  /** `sqlite:PATH` or `postgres://...`. */
  databaseUrl: string;
  redisUrl?: string;
  redisKeyPrefix: string;
  /** Encrypts stored provider credentials and keys API-key hashes. */
  secret?: string;
  /** `SWITCHBOARD_SECRET_PREVIOUS` during a rotation: still opens what the old secret sealed. */
  previousSecret?: string;
  /** Canonical provider id → credentials. */
  providers: Record<string, ProviderCredentials>;
  deployments: DeploymentConfig[];
  models: CustomModelConfig[];
  fallbackModels: string[];
  retries: RetryConfig;
  loadBalanceGroups: LoadBalanceGroupConfig[];
  cache: { defaultTtl: number };
  maxRequestBodyMb: number;
  timeouts: TimeoutConfig;
  alerts: AlertsConfig;
  apiKeys: ApiKeyConfig[];
  logRetentionDays?: number;
  /** What the limit stage does when the shared counters (Redis) cannot be reached. */
  limitsUnavailablePolicy: 'fail_open' | 'fail_closed';
  redaction: { enabled: boolean; patterns: string[] };
  /** Lets the gateway fetch image URLs on private, loopback and link-local addresses (off: SSRF). */
  allowPrivateImageUrls: boolean;
  abuse: AbuseConfig;
}

/** Guards against floods and hostile bodies at the HTTP edge (issue 13). */
export interface AbuseConfig {
  /** Per presented key, before the body is read; 0 turns the edge limiter off. */
  requestsPerSecond: number;
  burst: number;
  maxJsonDepth: number;
  maxArrayLength: number;
}
