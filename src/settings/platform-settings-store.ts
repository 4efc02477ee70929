import type { Config, CustomModelConfig, DeploymentConfig, LoadBalanceGroupConfig } from '../config/config.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { ValidationError } from '../errors/validation-error.ts';
import type { RuntimeSettings } from '../gateway/runtime-settings.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { CredentialCipher } from '../secrets/credential-cipher.ts';
import type { SettingsRepository } from '../storage/database.ts';
import { buildCustomModel, mergeCustomModelPatch, type CustomModelPatch, type CustomModelWire } from './custom-model-settings.ts';
import { buildDeployment, draftFromCreate, draftFromPatch, type DeploymentCreate, type DeploymentPatch } from './deployment-settings.ts';
import { computeEffectiveSettings, type EffectiveSettings, type Sourced } from './effective-settings.ts';
import { groupFromCreate, groupFromPatch, type LoadBalanceGroupCreate, type LoadBalanceGroupPatch } from './load-balance-group-settings.ts';
import { emptyApiDocuments, SettingsDocuments, type ApiDocuments, type SettingsArea } from './settings-documents.ts';
import { applySettingsPatch, type SettingsPatch } from './settings-overrides.ts';

export interface PlatformSettingsStoreOptions {
  config: Config;
  repository: SettingsRepository;
  cipher: CredentialCipher;
  runtimeSettings: RuntimeSettings;
  registry: ProviderRegistry;
  /**
   * Whether the gateway can serve a model name (catalog models, aliases, `provider/model` slugs).
   * When given, fallback models, alias targets and group members are checked so a typo is a 400
   * now rather than a 404 on the day the fallback is needed; when absent, names are not checked.
   */
  isKnownModel?: (modelName: string) => boolean;
  /** The effective custom models (config and API) whenever they change: rebuild the catalog. */
  onCustomModelsChange?: (models: CustomModelConfig[]) => void;
  /** After every change made here (not after reload): announce it so other replicas reload. */
  onChange?: (area: SettingsArea) => void;
}

/** One of the three collections, described once so create/update/delete are written once. */
interface Collection<Entry> {
  area: SettingsArea;
  label: string;
  keyField: string;
  keyOf(entry: Entry): string;
  stored(documents: ApiDocuments): Entry[];
  withStored(documents: ApiDocuments, entries: Entry[]): ApiDocuments;
  effective(settings: EffectiveSettings): Array<Sourced<Entry>>;
}

const DEPLOYMENTS: Collection<DeploymentConfig> = {
  area: 'deployments', label: 'Deployment', keyField: 'name', keyOf: (deployment) => deployment.name,
  stored: (documents) => documents.deployments,
  withStored: (documents, deployments) => ({ ...documents, deployments }),
  effective: (settings) => settings.deployments,
};

const CUSTOM_MODELS: Collection<CustomModelConfig> = {
  area: 'models', label: 'Model', keyField: 'model_name', keyOf: (model) => model.modelName,
  stored: (documents) => documents.customModels,
  withStored: (documents, customModels) => ({ ...documents, customModels }),
  effective: (settings) => settings.customModels,
};

const LOAD_BALANCE_GROUPS: Collection<LoadBalanceGroupConfig> = {
  area: 'load_balance_groups', label: 'Load-balance group', keyField: 'group_id', keyOf: (group) => group.groupId,
  stored: (documents) => documents.loadBalanceGroups,
  withStored: (documents, loadBalanceGroups) => ({ ...documents, loadBalanceGroups }),
  effective: (settings) => settings.loadBalanceGroups,
};

/**
 * The platform settings the management API changes, layered over the config file (contract §8).
 *
 * Every change re-reads the stored documents first, so a replica that missed an announcement
 * still builds on the latest state rather than overwriting another replica's change; changes in one
 * process are serialized for the same reason. After persisting, the new effective values go to
 * RuntimeSettings at once (the next request uses them) and `onChange` tells other replicas to
 * `reload()`.
 */
export class PlatformSettingsStore {
  readonly #options: PlatformSettingsStoreOptions;
  readonly #documents: SettingsDocuments;
  #effective: EffectiveSettings;
  /** The custom models last handed to onCustomModelsChange: the catalog is rebuilt only on change. */
  #appliedCustomModels: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: PlatformSettingsStoreOptions) {
    this.#options = options;
    this.#documents = new SettingsDocuments(options.repository, options.cipher);
    this.#effective = computeEffectiveSettings(options.config, emptyApiDocuments());
    // The catalog is built from the config's models at start-up; only a difference needs a rebuild.
    this.#appliedCustomModels = JSON.stringify(options.config.models);
  }

  /** The effective settings, config and API merged. Config-only until the first reload(). */
  settings(): EffectiveSettings {
    return this.#effective;
  }

  /** Re-reads every stored document and applies it: at start-up, and when a replica announces a change. */
  reload(): Promise<void> {
    return this.#exclusive(async () => this.#adopt(await this.#documents.readAll()));
  }

  updateSettings(patch: SettingsPatch): Promise<void> {
    return this.#change('settings', (documents, effective) => {
      if (patch.fallback_models !== undefined) this.#requireKnownModels(patch.fallback_models.map((model, index) => [`fallback_models.${index}`, model]));
      return { ...documents, overrides: applySettingsPatch({ overrides: documents.overrides, patch, current: effective }) };
    });
  }

  /** Drops every API override of the single-valued settings: the config file's values apply again. */
  resetSettings(): Promise<void> {
    return this.#change('settings', (documents) => ({ ...documents, overrides: {} }));
  }

  createDeployment(body: DeploymentCreate): Promise<Sourced<DeploymentConfig>> {
    return this.#create(DEPLOYMENTS, body.name, () => buildDeployment(draftFromCreate(body), this.#options.registry));
  }

  updateDeployment(name: string, patch: DeploymentPatch): Promise<Sourced<DeploymentConfig>> {
    return this.#update(DEPLOYMENTS, name, (current) => buildDeployment(draftFromPatch(current, patch), this.#options.registry));
  }

  deleteDeployment(name: string): Promise<Sourced<DeploymentConfig>> {
    return this.#delete(DEPLOYMENTS, name);
  }

  createCustomModel(body: CustomModelWire): Promise<Sourced<CustomModelConfig>> {
    return this.#create(CUSTOM_MODELS, body.model_name, () => this.#buildCustomModel(body));
  }

  updateCustomModel(modelName: string, patch: CustomModelPatch): Promise<Sourced<CustomModelConfig>> {
    return this.#update(CUSTOM_MODELS, modelName, (current) => {
      const merged = mergeCustomModelPatch(current, patch);
      // An alias whose target was since removed may still have its prices edited.
      return patch.base_model_name === undefined ? buildCustomModel(merged, this.#options.registry) : this.#buildCustomModel(merged);
    });
  }

  deleteCustomModel(modelName: string): Promise<Sourced<CustomModelConfig>> {
    return this.#delete(CUSTOM_MODELS, modelName);
  }

  createLoadBalanceGroup(body: LoadBalanceGroupCreate): Promise<Sourced<LoadBalanceGroupConfig>> {
    return this.#create(LOAD_BALANCE_GROUPS, body.group_id, () => this.#checkedGroup(groupFromCreate(body)));
  }

  updateLoadBalanceGroup(groupId: string, patch: LoadBalanceGroupPatch): Promise<Sourced<LoadBalanceGroupConfig>> {
    return this.#update(LOAD_BALANCE_GROUPS, groupId, (current) => (patch.models === undefined ? groupFromPatch(current, patch) : this.#checkedGroup(groupFromPatch(current, patch))));
  }

  deleteLoadBalanceGroup(groupId: string): Promise<Sourced<LoadBalanceGroupConfig>> {
    return this.#delete(LOAD_BALANCE_GROUPS, groupId);
  }

  #buildCustomModel(wire: CustomModelWire): CustomModelConfig {
    if (wire.base_model_name !== undefined) this.#requireKnownModels([['base_model_name', wire.base_model_name]]);
    return buildCustomModel(wire, this.#options.registry);
  }

  #checkedGroup(group: LoadBalanceGroupConfig): LoadBalanceGroupConfig {
    this.#requireKnownModels(group.models.map((member, index) => [`models.${index}.model`, member.model]));
    return group;
  }

  #requireKnownModels(fields: Array<[field: string, modelName: string]>): void {
    const isKnownModel = this.#options.isKnownModel;
    if (isKnownModel === undefined) return;
    const errors: Record<string, string[]> = {};
    for (const [field, modelName] of fields) {
      if (!isKnownModel(modelName)) errors[field] = [`unknown model '${modelName}': not in the catalog, not a custom model or alias, not a provider/model slug`];
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  }

  async #create<Entry>(collection: Collection<Entry>, key: string, build: () => Entry): Promise<Sourced<Entry>> {
    await this.#change(collection.area, (documents, effective) => {
      const existing = collection.effective(effective).find((sourced) => sourced.key === key);
      if (existing !== undefined) {
        const reason = existing.source === 'config' ? 'is defined in the config file' : 'already exists';
        throw new ValidationError({ [collection.keyField]: [`'${key}' ${reason}`] }, `${collection.label} '${key}' ${reason}`);
      }
      return collection.withStored(documents, [...collection.stored(documents), build()]);
    });
    return this.#find(collection, key);
  }

  async #update<Entry>(collection: Collection<Entry>, key: string, build: (current: Entry) => Entry): Promise<Sourced<Entry>> {
    await this.#change(collection.area, (documents, effective) => {
      const index = apiEntryIndex(collection, { documents, effective, key });
      const entries = [...collection.stored(documents)];
      entries[index] = build(entries[index]);
      return collection.withStored(documents, entries);
    });
    return this.#find(collection, key);
  }

  async #delete<Entry>(collection: Collection<Entry>, key: string): Promise<Sourced<Entry>> {
    let removed: Entry | undefined;
    await this.#change(collection.area, (documents, effective) => {
      const index = apiEntryIndex(collection, { documents, effective, key });
      removed = collection.stored(documents)[index];
      return collection.withStored(documents, collection.stored(documents).filter((_entry, position) => position !== index));
    });
    return { key, source: 'api', entry: removed as Entry };
  }

  #find<Entry>(collection: Collection<Entry>, key: string): Sourced<Entry> {
    const found = collection.effective(this.#effective).find((sourced) => sourced.key === key);
    if (found === undefined) throw notFound();
    return found;
  }

  async #change(area: SettingsArea, mutate: (documents: ApiDocuments, effective: EffectiveSettings) => ApiDocuments): Promise<void> {
    await this.#exclusive(async () => {
      const documents = await this.#documents.readAll();
      const next = mutate(documents, computeEffectiveSettings(this.#options.config, documents));
      await this.#documents.write(area, next);
      this.#adopt(next);
    });
    this.#options.onChange?.(area);
  }

  #adopt(documents: ApiDocuments): void {
    const effective = computeEffectiveSettings(this.#options.config, documents);
    this.#effective = effective;
    this.#options.runtimeSettings.replace({
      fallbackModels: effective.fallbackModels,
      retries: effective.retries,
      cacheDefaultTtl: effective.cacheDefaultTtl,
      deployments: effective.deployments.map((sourced) => sourced.entry),
      loadBalanceGroups: effective.loadBalanceGroups.map((sourced) => sourced.entry),
      alerts: effective.alerts,
      logRetentionDays: effective.logRetentionDays,
    });
    const customModels = effective.customModels.map((sourced) => sourced.entry);
    const fingerprint = JSON.stringify(customModels);
    if (fingerprint !== this.#appliedCustomModels) {
      this.#appliedCustomModels = fingerprint;
      this.#options.onCustomModelsChange?.(customModels);
    }
  }

  #exclusive<Result>(work: () => Promise<Result>): Promise<Result> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** The position of an API entry in its stored list; config entries are read-only, unknown keys 404. */
function apiEntryIndex<Entry>(collection: Collection<Entry>, options: { documents: ApiDocuments; effective: EffectiveSettings; key: string }): number {
  const { key } = options;
  const existing = collection.effective(options.effective).find((sourced) => sourced.key === key);
  if (existing === undefined) throw notFound();
  if (existing.source === 'config') {
    throw new ValidationError(
      { [collection.keyField]: [`'${key}' is defined in the config file`] },
      `${collection.label} '${key}' is defined in the config file and is read-only here: change it in the config file (applied on restart)`,
    );
  }
  return collection.stored(options.documents).findIndex((entry) => collection.keyOf(entry) === key);
}

function notFound(): GatewayError {
  return new GatewayError({ status: 404, message: 'Not found.', code: 'not_found' });
}
