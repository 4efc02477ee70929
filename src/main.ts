import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { buildModelCatalog } from './catalog/build-model-catalog.ts';
import type { Config } from './config/config.ts';
import type { GatewayServices } from './gateway/gateway-services.ts';
import { ProviderCredentialStore } from './gateway/provider-credential-store.ts';
import { apiKeysRoutes } from './http/routes/admin/api-keys-routes.ts';
import { customModelsRoutes } from './http/routes/admin/custom-models-routes.ts';
import { deploymentsRoutes } from './http/routes/admin/deployments-routes.ts';
import { loadBalanceGroupsRoutes } from './http/routes/admin/load-balance-groups-routes.ts';
import { settingsRoutes } from './http/routes/admin/settings-routes.ts';
import { providersRoutes } from './http/routes/admin/providers-routes.ts';
import { registerRequestLogRoutes } from './http/routes/admin/request-logs-routes.ts';
import { registerTraceRoutes } from './http/routes/admin/traces-routes.ts';
import { registerUserRoutes } from './http/routes/admin/users-routes.ts';
import { passthroughRoutes } from './http/routes/passthrough/register-passthrough-routes.ts';
import { promptsRoutes } from './http/routes/admin/prompts-routes.ts';
import { ingestRoutes } from './http/routes/ingest-routes.ts';
import { PromptService } from './prompts/prompt-service.ts';
import { evaluationsRoutes } from './http/routes/admin/evaluations-routes.ts';
import { enqueueRequestEvaluations, OnlineEvaluator } from './evaluations/online-evaluator.ts';
import { callModelThroughGateway, GATEWAY_KEY_NAME } from './gateway/call-model-through-gateway.ts';
import type { LogRecord } from './logging/log-record.ts';
import { keyPrefix } from './keys/api-key-hash.ts';
import { KeyRing } from './keys/key-ring.ts';
import { LogWriter } from './logging/log-writer.ts';
import { RetentionSweeper } from './logging/retention-sweeper.ts';
import { auditLogsRoutes } from './http/routes/admin/audit-logs-routes.ts';
import { setAllowPrivateImageUrls } from './gateway/inline-remote-images.ts';
import { auditRetentionSweep } from './governance/audit-retention-sweep.ts';
import { GatewayMetrics } from './metrics/gateway-metrics.ts';
import { logger } from './operations/logger.ts';
import type { ProviderRegistry } from './providers/registry.ts';
import { MemoryCooldownTracker } from './routing/cooldown-tracker.ts';
import { AlertDispatcher } from './alerts/alert-dispatcher.ts';
import { createResponseCache } from './cache/create-response-cache.ts';
import { CustomerLimits } from './limits/customer-limits.ts';
import { LimitEnforcer } from './limits/limit-enforcer.ts';
import { MemoryLimitCounterStore } from './limits/memory-limit-counter-store.ts';
import { RedisLimitCounterStore } from './limits/redis-limit-counter-store.ts';
import { SharedCooldownTracker } from './routing/shared-cooldown-tracker.ts';
import { openSharedState, type SharedState } from './shared-state/open-shared-state.ts';
import { RuntimeSettings } from './gateway/runtime-settings.ts';
import { GatewayError } from './errors/gateway-error.ts';
import { resolveModel } from './routing/resolve-model.ts';
import { PlatformSettingsStore } from './settings/platform-settings-store.ts';
import { CredentialCipher } from './secrets/credential-cipher.ts';
import { resolveServerSecret } from './secrets/server-secret.ts';
import { StoredProviderCredentials } from './secrets/stored-provider-credentials.ts';
import type { Database } from './storage/database.ts';
import { openDatabase } from './storage/open-database.ts';
import { UpstreamHttpClient } from './upstream/http-client.ts';

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

  const keyRing = new KeyRing({ secret, adminKey: config.adminKey });
  await createConfiguredKeys(config, database, keyRing);
  keyRing.replaceAll(await database.apiKeys.list());

  const cipher = new CredentialCipher(secret);
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
  const sharedState = await openSharedState({ redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix });
  const notices = sharedState.notices;
  const runtimeSettings = new RuntimeSettings(config);
  const alertDispatcher = new AlertDispatcher({
    alerts: () => runtimeSettings.current.alerts, metrics, warn: (message) => logger.warn(message), redis: sharedState.redis, keyPrefix: sharedState.keyPrefix,
  });
  const customerLimits = new CustomerLimits(database.settings);
  await customerLimits.reload();
  const services: GatewayServices = {
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
  afterLogsWritten = (records) => {
    onlineEvaluator.onLogsWritten(records.filter((record) => record.api_key !== GATEWAY_KEY_NAME)).catch((error: unknown) => logger.warn({ err: error }, 'queueing online evaluations failed'));
    for (const record of records) {
      const evalParams = services.requestedEvaluations.get(record.unique_id);
      if (evalParams === undefined) continue;
      services.requestedEvaluations.delete(record.unique_id);
      enqueueRequestEvaluations({ repository: database.evaluations, logUniqueId: record.unique_id, evalParams })
        .catch((error: unknown) => logger.warn({ err: error }, 'queueing requested evaluations failed'));
    }
  };
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
  // What another replica changed is reloaded from the database here (contract §11).
  const reload = {
    api_keys: async () => keyRing.replaceAll(await database.apiKeys.list()),
    providers: async () => credentials.replaceStored(await storedCredentials.loadAll()),
    settings: () => settingsStore.reload(),
    customer_limits: () => customerLimits.reload(),
  };
  notices.subscribe((notice) => {
    if (notice.area === 'prompts') services.prompts.invalidate();
    const task = notice.area === 'api_keys' ? reload.api_keys : notice.area === 'providers' ? reload.providers
      : notice.area === 'customer_limits' ? reload.customer_limits
      : notice.area === 'cooldown' || notice.area === 'prompts' ? undefined : reload.settings;
    task?.().catch((error: unknown) => logger.error({ err: error, area: notice.area }, 'reload after a change notice failed'));
  });
  sharedState.onResync(() => {
    Promise.all(Object.values(reload).map((task) => task())).catch((error: unknown) => logger.error({ err: error }, 'resync failed'));
  });
  const sweeper = new RetentionSweeper({ logs: auditRetentionSweep({ logs: database.logs, auditLogs: database.auditLogs, warn: (message) => logger.warn(message) }), retentionDays: () => runtimeSettings.current.logRetentionDays, warn: (message) => logger.warn(message) });
  sweeper.start();

  const app = await buildApp({
    services,
    keyRing,
    health: {
      async check() {
        await database.ping();
        return { database: database.kind, log_writer: logWriter.health() };
      },
    },
    audit: { auditLogs: database.auditLogs, warn: (message) => logger.warn(message) },
    managementRoutes: [
      { scope: 'admin', register: auditLogsRoutes(database.auditLogs) },
      {
        scope: 'admin',
        register: apiKeysRoutes({
          repository: database.apiKeys, keyRing, onChange: () => notices.publish('api_keys'),
          limitUsage: (row) => services.limits.usage({ subject: `key:${row.id}`, limits: row.limits }),
        }),
      },
      { scope: 'admin', register: providersRoutes({ registry: providers, store: storedCredentials, credentials, onChange: () => notices.publish('providers') }) },
      { scope: 'admin', register: settingsRoutes(settingsStore) },
      { scope: 'admin', register: promptsRoutes({ prompts: services.prompts }) },
      { scope: 'read', register: evaluationsRoutes({ database, callModel: callModelThroughGateway(services), onlineEvaluator, logWriter }) },
      // Applications send their own logs and spans with any key (contract §14).
      { scope: 'inference', register: ingestRoutes({ logs: logWriter, catalog: () => services.catalog, pricingProviderId: (id) => providers.resolve(id)?.pricingProviderId }) },
      { scope: 'admin', register: deploymentsRoutes(settingsStore) },
      { scope: 'admin', register: customModelsRoutes(settingsStore) },
      { scope: 'admin', register: loadBalanceGroupsRoutes(settingsStore) },
      { scope: 'read', register: (app) => registerRequestLogRoutes(app, { database, logWriter }) },
      {
        scope: 'read',
        register: (app) => registerUserRoutes(app, {
          database,
          logWriter,
          onLimitsChange: async (customer, limits) => {
            await customerLimits.set(customer, limits);
            notices.publish('customer_limits');
          },
          limitUsage: (customer, limits) => services.limits.usage({ subject: `customer:${customer}`, limits }),
          erase: { cacheEntries: (customer) => services.cache.purge({ customerIdentifier: customer }) },
        }),
      },
      { scope: 'read', register: (app) => registerTraceRoutes(app, { database, logWriter }) },
    ],
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
      closing ??= shutdown({ app, logWriter, sweeper, upstream, database, sharedState, alertDispatcher, onlineEvaluator });
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

async function shutdown(parts: { app: FastifyInstance; logWriter: LogWriter; sweeper: RetentionSweeper; upstream: UpstreamHttpClient; database: Database; sharedState: SharedState; alertDispatcher: AlertDispatcher; onlineEvaluator: OnlineEvaluator }): Promise<void> {
  // Fastify stops accepting, answers new requests on open sockets with 503, and resolves once
  // in-flight requests (streams included) have finished.
  await parts.app.close();
  await parts.sweeper.stop();
  // Bounded: a database that is down must not keep a stopping replica alive past its 20 s (contract §11).
  await parts.logWriter.close({ timeoutMs: 10_000 });
  await parts.onlineEvaluator.stop();
  await parts.upstream.close();
  await parts.alertDispatcher.close();
  await parts.sharedState.close();
  await parts.database.close();
}

/** Keys named in the config are created once, by name; replicas racing to create them is safe. */
async function createConfiguredKeys(config: Config, database: Database, keyRing: KeyRing): Promise<void> {
  for (const configured of config.apiKeys) {
    const { row, created } = await database.apiKeys.insertIfNameAbsent({
      id: randomUUID(),
      name: configured.name,
      key_hash: keyRing.hash(configured.key),
      key_prefix: keyPrefix(configured.key),
      scope: configured.scope,
      limits: configured.limits,
      created_at: new Date().toISOString(),
      expires_at: null,
      revoked_at: null,
    });
    if (!created && row.key_hash !== keyRing.hash(configured.key)) {
      logger.warn({ name: configured.name }, 'an API key with this name already exists with a different key; the stored one is kept');
    }
  }
}
