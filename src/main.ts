import { AlertDispatcher } from './alerts/alert-dispatcher.ts';
import { buildApp } from './app.ts';
import { createResponseCache } from './cache/create-response-cache.ts';
import { buildModelCatalog } from './catalog/build-model-catalog.ts';
import type { Config } from './config/config.ts';
import { GatewayError } from './errors/gateway-error.ts';
import { OnlineEvaluator } from './evaluations/online-evaluator.ts';
import { callModelThroughGateway } from './gateway/call-model-through-gateway.ts';
import type { GatewayServices } from './gateway/gateway-services.ts';
import { setAllowPrivateImageUrls } from './gateway/inline-remote-images.ts';
import { ProviderCredentialStore } from './gateway/provider-credential-store.ts';
import { RuntimeSettings } from './gateway/runtime-settings.ts';
import { auditRetentionSweep } from './governance/audit-retention-sweep.ts';
import { passthroughRoutes } from './http/routes/passthrough/register-passthrough-routes.ts';
import { KeyRing } from './keys/key-ring.ts';
import { CustomerLimits } from './limits/customer-limits.ts';
import { LimitEnforcer } from './limits/limit-enforcer.ts';
import { MemoryLimitCounterStore } from './limits/memory-limit-counter-store.ts';
import { RedisLimitCounterStore } from './limits/redis-limit-counter-store.ts';
import type { LogRecord } from './logging/log-record.ts';
import { LogWriter } from './logging/log-writer.ts';
import { RetentionSweeper } from './logging/retention-sweeper.ts';
import { GatewayMetrics } from './metrics/gateway-metrics.ts';
import { logger } from './operations/logger.ts';
import { PromptService } from './prompts/prompt-service.ts';
import type { ProviderRegistry } from './providers/registry.ts';
import { MemoryCooldownTracker } from './routing/cooldown-tracker.ts';
import { resolveModel } from './routing/resolve-model.ts';
import { SharedCooldownTracker } from './routing/shared-cooldown-tracker.ts';
import { createOtlpTraceExporter, type OtlpTraceExporter } from './telemetry/otlp-trace-exporter.ts';
import { CredentialCipher } from './secrets/credential-cipher.ts';
import { resolveServerSecret } from './secrets/server-secret.ts';
import { StoredProviderCredentials } from './secrets/stored-provider-credentials.ts';
import { PlatformSettingsStore } from './settings/platform-settings-store.ts';
import { openSharedState, type SharedState } from './shared-state/open-shared-state.ts';
import { createConfiguredKeys } from './startup/create-configured-keys.ts';
import { managementRouteGroups } from './startup/management-route-groups.ts';
import { queueEvaluationsAfterWrite } from './startup/queue-evaluations-after-write.ts';
import { reloadOnChangeNotices } from './startup/reload-on-change-notices.ts';
import type { Database } from './storage/database.ts';
import { openDatabase } from './storage/open-database.ts';
import { UpstreamHttpClient } from './upstream/http-client.ts';
import type { FastifyInstance } from 'fastify';

/** A deployment that fails 3 times within a minute sits out for a minute. */
const DEPLOYMENT_COOLDOWN = { failureThreshold: 3, windowMs: 60_000, cooldownMs: 60_000 };

export interface RunningGateway {
  app: FastifyInstance;
  /** `http://host:port`, with the port actually bound (0 picks a free one). */
  url: string;
  /** Stops accepting, finishes in-flight requests and streams, flushes logs, closes stores. */
  close(): Promise<void>;
}

/** Starts a gateway from a validated config: every piece of set-up happens here, once. */
export async function startGateway(config: Config, providers: ProviderRegistry): Promise<RunningGateway> {
  const database = await openDatabase(config.databaseUrl);
  await database.migrate();
  const metrics = new GatewayMetrics();
  setAllowPrivateImageUrls(config.allowPrivateImageUrls);
  const { secret, generated } = await resolveServerSecret(config.secret, database.settings);
  if (generated) logger.warn('SWITCHBOARD_SECRET is not set: using a generated secret kept in the database; set it for replicas');

  const keyRing = new KeyRing({
    secret,
    adminKey: config.adminKey,
    previousSecret: config.previousSecret,
    onRehash: (keyId, hash) => void database.apiKeys.updateKeyHash(keyId, hash).catch((error: unknown) => logger.warn({ err: error }, 'moving an API key to the new secret failed')),
  });
  await createConfiguredKeys(config, database, keyRing);
  keyRing.replaceAll(await database.apiKeys.list());

  const cipher = new CredentialCipher(secret, config.previousSecret);
  const storedCredentials = new StoredProviderCredentials(database.settings, cipher);
  const credentials = new ProviderCredentialStore(config.providers);
  credentials.replaceStored(await storedCredentials.loadAll());

  // Logs that match online-evaluation automations (or asked for evaluation) are queued for
  // scoring once their batch is written; the evaluator is created below, with the services.
  let afterLogsWritten: (records: readonly LogRecord[]) => void = () => {};
  const logWriter = new LogWriter({
    repository: {
      insertMany: async (records) => {
        await database.logs.insertMany(records);
        afterLogsWritten(records);
      },
    },
    metrics,
    warn: (message) => logger.warn(message),
  });
  const upstream = new UpstreamHttpClient(config.timeouts);
  metrics.watchUpstreamPools(() => upstream.poolStats());
  const sharedState = await openSharedState({ redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix });
  const notices = sharedState.notices;
  const runtimeSettings = new RuntimeSettings(config);
  const alertDispatcher = new AlertDispatcher({
    alerts: () => runtimeSettings.current.alerts, metrics, warn: (message) => logger.warn(message), redis: sharedState.redis, keyPrefix: sharedState.keyPrefix,
  });
  const customerLimits = new CustomerLimits(database.settings);
  await customerLimits.reload();
  // OTLP/HTTP trace export, when the standard OTEL_EXPORTER_OTLP_* variables name an endpoint.
  const telemetry = createOtlpTraceExporter(process.env);
  const services: GatewayServices = {
    telemetry,
    config,
    providers,
    catalog: buildModelCatalog({ providers: providers.all(), customModels: config.models }),
    credentials,
    upstream,
    logs: logWriter,
    metrics,
    settings: runtimeSettings,
    cooldowns: sharedState.redis === undefined ? new MemoryCooldownTracker(DEPLOYMENT_COOLDOWN) : new SharedCooldownTracker({ ...DEPLOYMENT_COOLDOWN, notices }),
    cache: createResponseCache({ redis: sharedState.redis, keyPrefix: sharedState.keyPrefix, metrics }),
    limits: new LimitEnforcer({
      store: sharedState.redis === undefined ? new MemoryLimitCounterStore() : new RedisLimitCounterStore({ redis: sharedState.redis, keyPrefix: sharedState.keyPrefix }),
      unavailablePolicy: config.limitsUnavailablePolicy,
      warnings: alertDispatcher,
      metrics,
      warn: (message) => logger.warn(message),
    }),
    customerLimits,
    requestedEvaluations: new Map(),
    prompts: new PromptService({ repository: database.prompts, onChange: () => notices.publish('prompts') }),
    findLog: async (uniqueId) => logWriter.pending(uniqueId) ?? await database.logs.get(uniqueId),
  };
  const onlineEvaluator = new OnlineEvaluator({
    repository: database.evaluations,
    logs: database.logs,
    callModel: callModelThroughGateway(services),
    onError: (error) => logger.warn({ err: error }, 'online evaluation failed'),
  });
  afterLogsWritten = queueEvaluationsAfterWrite({ onlineEvaluator, repository: database.evaluations, requestedEvaluations: services.requestedEvaluations });
  onlineEvaluator.start();
  const settingsStore = new PlatformSettingsStore({
    config,
    repository: database.settings,
    cipher,
    runtimeSettings,
    registry: providers,
    isKnownModel: (modelName) => isServable(services, modelName),
    onCustomModelsChange: (customModels) => {
      services.catalog = buildModelCatalog({ providers: providers.all(), customModels });
    },
    onChange: (area) => notices.publish(area),
  });
  await settingsStore.reload();
  reloadOnChangeNotices({ sharedState, services, reload: {
    api_keys: async () => keyRing.replaceAll(await database.apiKeys.list()),
    providers: async () => credentials.replaceStored(await storedCredentials.loadAll()),
    settings: () => settingsStore.reload(),
    customer_limits: () => customerLimits.reload(),
  } });
  const sweeper = new RetentionSweeper({ logs: auditRetentionSweep({ logs: database.logs, auditLogs: database.auditLogs, warn: (message) => logger.warn(message) }), retentionDays: () => runtimeSettings.current.logRetentionDays, warn: (message) => logger.warn(message) });
  sweeper.start();

  const app = await buildApp({
    services,
    keyRing,
    health: {
      async check() {
        await database.ping();
        // Redis only degrades the gateway (cache misses, the limits policy): reported, not fatal.
        const redis = sharedState.redis === undefined ? undefined : sharedState.redis.status === 'ready' ? 'ready' : 'unavailable';
        return { database: database.kind, log_writer: logWriter.health(), ...(redis !== undefined && { redis }) };
      },
    },
    audit: { auditLogs: database.auditLogs, warn: (message) => logger.warn(message) },
    managementRoutes: managementRouteGroups({ services, database, keyRing, notices, storedCredentials, credentials, settingsStore, onlineEvaluator, logWriter, customerLimits }),
    // Native passthrough (contract §5): Anthropic, Gemini and Vertex AI clients, authenticated by their own key headers.
    selfAuthenticatedRoutes: [passthroughRoutes({ services, keyRing })],
  });
  const address = await app.listen({ port: config.port, host: config.host });
  logger.info({ address, database: database.kind }, 'switchboard listening');

  let closing: Promise<void> | undefined;
  return {
    app,
    url: address,
    close() {
      closing ??= shutdown({ app, logWriter, sweeper, upstream, database, sharedState, alertDispatcher, onlineEvaluator, telemetry });
      return closing;
    },
  };
}

/** A model name the gateway can route (a 404 is the only "unknown": other errors are about credentials). */
function isServable(services: GatewayServices, modelName: string): boolean {
  try {
    resolveModel(modelName, { catalog: services.catalog, providers: services.providers, operation: 'chat' });
    return true;
  } catch (error) {
    return !(error instanceof GatewayError && error.status === 404);
  }
}

async function shutdown(parts: { app: FastifyInstance; logWriter: LogWriter; sweeper: RetentionSweeper; upstream: UpstreamHttpClient; database: Database; sharedState: SharedState; alertDispatcher: AlertDispatcher; onlineEvaluator: OnlineEvaluator; telemetry: OtlpTraceExporter | undefined }): Promise<void> {
  // Fastify stops accepting, answers new requests on open sockets with 503, and resolves once
  // in-flight requests (streams included) have finished.
  await parts.app.close();
  await parts.sweeper.stop();
  // Bounded: a database that is down must not keep a stopping replica alive past its 20 s (contract §11).
  await parts.logWriter.close({ timeoutMs: 10_000 });
  await parts.telemetry?.shutdown();
  await parts.onlineEvaluator.stop();
  await parts.upstream.close();
  await parts.alertDispatcher.close();
  await parts.sharedState.close();
  await parts.database.close();
}
