import type { AlertsConfig, Config, DeploymentConfig, LoadBalanceGroupConfig, RetryConfig } from '../config/config.ts';

/** The platform settings that may change at run time (contract §8 `/api/settings/`). */
export interface PlatformSettings {
  fallbackModels: string[];
  retries: RetryConfig;
  cacheDefaultTtl: number;
  loadBalanceGroups: LoadBalanceGroupConfig[];
  deployments: DeploymentConfig[];
  alerts: AlertsConfig;
  logRetentionDays: number | undefined;
}

/**
 * Settings in force: the config file's, replaced by what the management API stores. Readers take
 * a snapshot per request (one property read), so a change applies from the next request on.
 */
export class RuntimeSettings {
  #current: Readonly<PlatformSettings>;
  #groups: ReadonlyMap<string, LoadBalanceGroupConfig>;

  constructor(config: Config) {
    this.#current = Object.freeze({
      fallbackModels: config.fallbackModels,
      retries: config.retries,
      cacheDefaultTtl: config.cache.defaultTtl,
      loadBalanceGroups: config.loadBalanceGroups,
      deployments: config.deployments,
      alerts: config.alerts,
      logRetentionDays: config.logRetentionDays,
    });
    this.#groups = indexGroups(this.#current.loadBalanceGroups);
  }

  get current(): Readonly<PlatformSettings> {
    return this.#current;
  }

  loadBalanceGroup(groupId: string): LoadBalanceGroupConfig | undefined {
    return this.#groups.get(groupId);
  }

  replace(next: Partial<PlatformSettings>): void {
    this.#current = Object.freeze({ ...this.#current, ...next });
    this.#groups = indexGroups(this.#current.loadBalanceGroups);
  }
}

function indexGroups(groups: readonly LoadBalanceGroupConfig[]): Map<string, LoadBalanceGroupConfig> {
  return new Map(groups.map((group) => [group.groupId, group]));
}
