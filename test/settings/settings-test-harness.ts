import Fastify, { type FastifyInstance } from 'fastify';
import type { Config, CustomModelConfig } from '../../src/config/config.ts';
import { configDefaults } from '../../src/config/config-defaults.ts';
import { RuntimeSettings } from '../../src/gateway/runtime-settings.ts';
import { renderManagementError } from '../../src/http/plugins/render-errors.ts';
import { customModelsRoutes } from '../../src/http/routes/admin/custom-models-routes.ts';
import { deploymentsRoutes } from '../../src/http/routes/admin/deployments-routes.ts';
import { loadBalanceGroupsRoutes } from '../../src/http/routes/admin/load-balance-groups-routes.ts';
import { settingsRoutes } from '../../src/http/routes/admin/settings-routes.ts';
import { createProviderRegistry } from '../../src/providers/registry.ts';
import { CredentialCipher } from '../../src/secrets/credential-cipher.ts';
import type { SettingsArea } from '../../src/settings/settings-documents.ts';
import { PlatformSettingsStore } from '../../src/settings/platform-settings-store.ts';
import type { SettingsRepository } from '../../src/storage/database.ts';

/** A config as load-config.ts would build it from an almost empty file, with `overrides` on top. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: configDefaults.host,
    limitsUnavailablePolicy: 'fail_open',
    databaseUrl: 'sqlite::memory:',
    redisKeyPrefix: configDefaults.redisKeyPrefix,
    secret: 'test-secret',
    providers: { openai: { api_key: 'sk-config-openai' } },
    deployments: [],
    models: [],
    fallbackModels: [],
    retries: { ...configDefaults.retries },
    loadBalanceGroups: [],
    cache: { ...configDefaults.cache },
    maxRequestBodyMb: configDefaults.maxRequestBodyMb,
    timeouts: { ...configDefaults.timeouts },
    alerts: {},
    apiKeys: [],
    redaction: { enabled: false, patterns: [] },
    allowPrivateImageUrls: false,
    abuse: { ...configDefaults.abuse },
    ...overrides,
  };
}

/** The settings table as a Map of JSON documents (copied, as a database would). */
export class MemorySettingsRepository implements SettingsRepository {
  readonly documents = new Map<string, string>();

  async get<T>(key: string): Promise<T | undefined> {
    const text = this.documents.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    this.documents.set(key, JSON.stringify(value));
  }

  async delete(key: string): Promise<void> {
    this.documents.delete(key);
  }

  /** Every stored document as text: what a database dump would show. */
  dump(): string {
    return [...this.documents.values()].join('\n');
  }
}

export interface Harness {
  app: FastifyInstance;
  store: PlatformSettingsStore;
  runtimeSettings: RuntimeSettings;
  repository: MemorySettingsRepository;
  customModelChanges: CustomModelConfig[][];
  changes: SettingsArea[];
}

/** One "replica": a store and a bare Fastify app with the four route groups, as an admin caller. */
export async function startHarness(options: { config?: Config; repository?: MemorySettingsRepository; isKnownModel?: (modelName: string) => boolean } = {}): Promise<Harness> {
  const config = options.config ?? testConfig();
  const repository = options.repository ?? new MemorySettingsRepository();
  const runtimeSettings = new RuntimeSettings(config);
  const customModelChanges: CustomModelConfig[][] = [];
  const changes: SettingsArea[] = [];
  const store = new PlatformSettingsStore({
    config,
    repository,
    cipher: new CredentialCipher(config.secret ?? 'test-secret'),
    runtimeSettings,
    registry: createProviderRegistry(),
    ...(options.isKnownModel !== undefined && { isKnownModel: options.isKnownModel }),
    onCustomModelsChange: (models) => customModelChanges.push(models),
    onChange: (area) => changes.push(area),
  });
  await store.reload();
  const app = Fastify();
  app.decorateRequest('auth', null as never);
  app.addHook('onRequest', async (request) => {
    request.auth = { keyId: null, keyName: 'admin', scope: 'admin', limits: [] };
  });
  app.setErrorHandler(renderManagementError);
  for (const routes of [settingsRoutes(store), deploymentsRoutes(store), customModelsRoutes(store), loadBalanceGroupsRoutes(store)]) {
    await app.register(routes, { prefix: '/api' });
  }
  await app.ready();
  return { app, store, runtimeSettings, repository, customModelChanges, changes };
}

/** A JSON request through fastify.inject; returns the status and the parsed body. */
export async function call(app: FastifyInstance, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await app.inject({ method, url, ...(body !== undefined && { payload: body as object }) });
  return { status: response.statusCode, body: response.json() };
}
