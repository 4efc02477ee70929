import type { ManagementRoutes } from '../app.ts';
import { callModelThroughGateway } from '../gateway/call-model-through-gateway.ts';
import type { GatewayServices } from '../gateway/gateway-services.ts';
import type { ProviderCredentialStore } from '../gateway/provider-credential-store.ts';
import type { OnlineEvaluator } from '../evaluations/online-evaluator.ts';
import { apiKeysRoutes } from '../http/routes/admin/api-keys-routes.ts';
import { cacheRoutes } from '../http/routes/admin/cache-routes.ts';
import { auditLogsRoutes } from '../http/routes/admin/audit-logs-routes.ts';
import { customModelsRoutes } from '../http/routes/admin/custom-models-routes.ts';
import { deploymentsRoutes } from '../http/routes/admin/deployments-routes.ts';
import { evaluationsRoutes } from '../http/routes/admin/evaluations-routes.ts';
import { loadBalanceGroupsRoutes } from '../http/routes/admin/load-balance-groups-routes.ts';
import { promptsRoutes } from '../http/routes/admin/prompts-routes.ts';
import { providersRoutes } from '../http/routes/admin/providers-routes.ts';
import { registerRequestLogRoutes } from '../http/routes/admin/request-logs-routes.ts';
import { settingsRoutes } from '../http/routes/admin/settings-routes.ts';
import { registerTraceRoutes } from '../http/routes/admin/traces-routes.ts';
import { registerUserRoutes } from '../http/routes/admin/users-routes.ts';
import { ingestRoutes } from '../http/routes/ingest-routes.ts';
import type { KeyRing } from '../keys/key-ring.ts';
import type { CustomerLimits } from '../limits/customer-limits.ts';
import type { LogWriter } from '../logging/log-writer.ts';
import type { StoredProviderCredentials } from '../secrets/stored-provider-credentials.ts';
import type { PlatformSettingsStore } from '../settings/platform-settings-store.ts';
import type { ChangeNotices } from '../shared-state/change-notices.ts';
import type { DatabaseWithTraces } from '../storage/database-with-traces.ts';

export interface ManagementRouteDependencies {
  services: GatewayServices;
  database: DatabaseWithTraces;
  keyRing: KeyRing;
  notices: ChangeNotices;
  storedCredentials: StoredProviderCredentials;
  credentials: ProviderCredentialStore;
  settingsStore: PlatformSettingsStore;
  onlineEvaluator: OnlineEvaluator;
  logWriter: LogWriter;
  customerLimits: CustomerLimits;
}

/**
 * Every management API group with the scope it needs (contract §7, §8, §12–§14). A change that
 * other replicas must apply is announced on the change notices (contract §11).
 */
export function managementRouteGroups(dependencies: ManagementRouteDependencies): ManagementRoutes[] {
  const { services, database, keyRing, notices, storedCredentials, credentials, settingsStore, onlineEvaluator, logWriter, customerLimits } = dependencies;
  const providers = services.providers;
  return [
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
    { scope: 'admin', register: cacheRoutes(() => services.cache) },
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
        erase: {
            cacheEntries: (customer) => services.cache.purge({ customerIdentifier: customer }),
            scores: (customer) => database.evaluations.deleteScoresOfCustomer(customer),
            limitCounters: (customer) => services.limits.purgeSubject(`customer:${customer}`),
          },
      }),
    },
    { scope: 'read', register: (app) => registerTraceRoutes(app, { database, logWriter }) },
  ];
}
