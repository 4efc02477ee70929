/** Shapes of the management API (contract §7, §8), as the dashboard reads them. */

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface LogAttempt {
  model: string;
  provider_id: string;
  deployment_name: string | null;
  status: 'success' | 'error';
  status_code: number;
  error_message: string | null;
  latency: number;
  start_time: string;
}

export interface LogRecord {
  unique_id: string;
  timestamp: string;
  trace_unique_id: string;
  api_key: string | null;
  model: string;
  provider_id: string | null;
  deployment_name: string | null;
  status: 'success' | 'error';
  status_code: number;
  error_message: string | null;
  stream: boolean;
  cache_hit: boolean;
  latency: number;
  time_to_first_token: number | null;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cost: number;
  customer_identifier: string | null;
  customer_name: string | null;
  thread_identifier: string | null;
  custom_identifier: string | null;
  metadata: Record<string, unknown> | null;
  fallback: number;
  log_type: string;
  prompt_messages?: unknown;
  completion_message?: unknown;
  attempts: LogAttempt[];
}

export interface LogSummary {
  total_cost: number;
  total_tokens: number;
  number_of_requests: number;
}

export type LimitMetric = 'cost' | 'requests' | 'tokens';
export type LimitWindow = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'lifetime';

export interface Limit {
  metric: LimitMetric;
  window: LimitWindow;
  warn_at?: number;
  block_at?: number;
}

export interface User {
  customer_identifier: string;
  name: string | null;
  email: string | null;
  limits: Limit[];
  first_seen: string | null;
  last_seen: string | null;
  number_of_requests: number;
  total_tokens: number;
  total_cost: number;
}

export type KeyScope = 'inference' | 'read' | 'admin';

export interface ApiKey {
  id: string;
  name: string;
  key_prefix: string;
  scope: KeyScope;
  limits: Limit[];
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  is_active: boolean;
}

export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface Settings {
  fallback_models: string[];
  retries: { retry_enabled: boolean; num_retries: number; retry_after: number };
  cache: { default_ttl: number };
  alerts: { slack_webhook_url: string | null; email: { smtp_url: string; from: string; to: string[] } | null };
  log_retention_days: number | null;
  api_overrides: string[];
}

export interface CredentialDescription {
  settings: Record<string, unknown>;
  secrets_set: string[];
}

export interface ProviderEntry extends CredentialDescription {
  provider_id: string;
  provider_name: string;
  configured: boolean;
}

export type Source = 'config' | 'api';

export interface Deployment extends CredentialDescription {
  name: string;
  provider: string;
  weight: number;
  available_models: string[] | null;
  source: Source;
}

export interface LoadBalanceMember {
  model: string;
  weight: number;
  credentials: CredentialDescription | null;
}

export interface LoadBalanceGroup {
  group_id: string;
  models: LoadBalanceMember[];
  source: Source;
}

export interface CatalogModel {
  model_name: string;
  provider_id: string;
  input_cost: number;
  output_cost: number;
}
