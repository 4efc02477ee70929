import type { ResponseCache } from '../cache/response-cache.ts';
import type { ModelCatalog } from '../catalog/model-catalog.ts';
import type { Config } from '../config/config.ts';
import type { LogRecord } from '../logging/log-record.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { UpstreamHttpClient } from '../upstream/http-client.ts';
import type { CustomerLimits } from '../limits/customer-limits.ts';
import type { LimitEnforcer } from '../limits/limit-enforcer.ts';
import type { PromptService } from '../prompts/prompt-service.ts';
import type { CooldownStore } from '../routing/cooldown-tracker.ts';
import type { ProviderCredentialStore } from './provider-credential-store.ts';
import type { RuntimeSettings } from './runtime-settings.ts';

/** Where finished log records go; implementations queue and write in batches, off the hot path. */
export interface LogSink {
  enqueue(record: LogRecord): void;
}

/** Where finished requests go as traces; must not throw (telemetry never fails a request). */
export interface TraceSink {
  record(record: LogRecord, traceparent?: string): void;
}

/** What the transport-free pipeline needs; built once at start-up by app.ts. */
export interface GatewayServices {
  readonly config: Config;
  readonly providers: ProviderRegistry;
  /** Rebuilt when custom models change through the API: read it per request, never keep it. */
  catalog: ModelCatalog;
  readonly credentials: ProviderCredentialStore;
  readonly upstream: UpstreamHttpClient;
  readonly logs: LogSink;
  readonly metrics: GatewayMetrics;
  readonly settings: RuntimeSettings;
  readonly cooldowns: CooldownStore;
  readonly cache: ResponseCache;
  readonly limits: LimitEnforcer;
  readonly customerLimits: CustomerLimits;
  /** `eval_params` of requests whose logs are not written yet: queued for evaluation once they are. */
  readonly requestedEvaluations: Map<string, { evaluators?: unknown[]; sample_percentage?: number }>;
  /** Managed prompts, rendered when a request carries Respan's `prompt` parameter. */
  readonly prompts: PromptService;
  /** OpenTelemetry trace export, present only when OTEL_EXPORTER_OTLP_* configures it. */
  readonly telemetry?: TraceSink;
  /** A log by id, found even before its batch is written. */
  findLog(uniqueId: string): Promise<LogRecord | undefined>;
}
