import type { Config, CustomModelConfig, DeploymentConfig, LoadBalanceGroupConfig } from '../config/config.ts';
import type { ApiDocuments } from './settings-documents.ts';
import { effectiveScalarSettings, type ScalarSettings, type SettingsOverrides } from './settings-overrides.ts';

export type SettingSource = 'config' | 'api';

/** A collection entry with where it comes from: config entries are read-only through the API. */
export interface Sourced<Entry> {
  key: string;
  source: SettingSource;
  entry: Entry;
}

/** The settings in force: the config file's, overlaid by the API's. */
export interface EffectiveSettings extends ScalarSettings {
  deployments: Array<Sourced<DeploymentConfig>>;
  customModels: Array<Sourced<CustomModelConfig>>;
  loadBalanceGroups: Array<Sourced<LoadBalanceGroupConfig>>;
  /** The fields the API has set (GET /api/settings/ lists them). */
  overrides: SettingsOverrides;
}

export function computeEffectiveSettings(config: Config, documents: ApiDocuments): EffectiveSettings {
  return {
    ...effectiveScalarSettings(config, documents.overrides),
    deployments: mergeWithConfig({ fromConfig: config.deployments, fromApi: documents.deployments, keyOf: (deployment) => deployment.name }),
    customModels: mergeWithConfig({ fromConfig: config.models, fromApi: documents.customModels, keyOf: (model) => model.modelName }),
    loadBalanceGroups: mergeWithConfig({ fromConfig: config.loadBalanceGroups, fromApi: documents.loadBalanceGroups, keyOf: (group) => group.groupId }),
    overrides: documents.overrides,
  };
}

/**
 * Config entries (in file order) then API entries (in creation order). The API refuses names the
 * config uses, but the config can be edited to take a name the API already stored: then the config
 * entry wins, since the operator wrote it deliberately and the API cannot change it, and the API
 * entry stays hidden until the config entry is removed.
 */
function mergeWithConfig<Entry>(options: { fromConfig: readonly Entry[]; fromApi: readonly Entry[]; keyOf: (entry: Entry) => string }): Array<Sourced<Entry>> {
  const { keyOf } = options;
  const merged: Array<Sourced<Entry>> = options.fromConfig.map((entry) => ({ key: keyOf(entry), source: 'config', entry }));
  const configKeys = new Set(merged.map((sourced) => sourced.key));
  for (const entry of options.fromApi) {
    if (!configKeys.has(keyOf(entry))) merged.push({ key: keyOf(entry), source: 'api', entry });
  }
  return merged;
}
