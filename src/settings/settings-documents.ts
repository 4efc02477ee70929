import type { CustomModelConfig, DeploymentConfig, LoadBalanceGroupConfig } from '../config/config.ts';
import { withoutUndefined } from '../config/without-undefined.ts';
import type { ProviderCredentials } from '../providers/provider.ts';
import type { CredentialCipher } from '../secrets/credential-cipher.ts';
import type { SettingsRepository } from '../storage/database.ts';
import { customModelFromWire, customModelToWire, type CustomModelWire } from './custom-model-settings.ts';
import type { SettingsOverrides } from './settings-overrides.ts';

/** The four things the management API changes; also what `onChange` announces to other replicas. */
export type SettingsArea = 'settings' | 'deployments' | 'models' | 'load_balance_groups';

/** Everything the API has stored, decrypted: the overlay on the config file. */
export interface ApiDocuments {
  overrides: SettingsOverrides;
  deployments: DeploymentConfig[];
  customModels: CustomModelConfig[];
  loadBalanceGroups: LoadBalanceGroupConfig[];
}

/**
 * One settings document per area, so replicas changing different areas never overwrite each
 * other's work. Documents are spelt as the config file is (snake_case), which outlives renames of
 * our internal types. Secrets never reach the database in clear: deployment and group-member
 * credentials, and the alerts block (a Slack webhook URL is itself a credential, an SMTP URL may
 * carry a password), are sealed with the server secret (AES-256-GCM, CredentialCipher).
 */
const DOCUMENT_KEYS = {
  settings: 'api_settings_overrides',
  deployments: 'api_deployments',
  models: 'api_custom_models',
  load_balance_groups: 'api_load_balance_groups',
} as const satisfies Record<SettingsArea, string>;

interface StoredOverrides extends Omit<SettingsOverrides, 'alerts'> {
  alerts?: string;
}

interface StoredDeployment {
  name: string;
  provider: string;
  weight: number;
  available_models?: string[];
  credentials: string;
}

interface StoredGroup {
  group_id: string;
  models: Array<{ model: string; weight: number; credentials?: string }>;
}

export function emptyApiDocuments(): ApiDocuments {
  return { overrides: {}, deployments: [], customModels: [], loadBalanceGroups: [] };
}

export class SettingsDocuments {
  readonly #repository: SettingsRepository;
  readonly #cipher: CredentialCipher;

  constructor(repository: SettingsRepository, cipher: CredentialCipher) {
    this.#repository = repository;
    this.#cipher = cipher;
  }

  async readAll(): Promise<ApiDocuments> {
    const [overrides, deployments, models, groups] = await Promise.all([
      this.#repository.get<StoredOverrides>(DOCUMENT_KEYS.settings),
      this.#repository.get<StoredDeployment[]>(DOCUMENT_KEYS.deployments),
      this.#repository.get<CustomModelWire[]>(DOCUMENT_KEYS.models),
      this.#repository.get<StoredGroup[]>(DOCUMENT_KEYS.load_balance_groups),
    ]);
    const { alerts, ...plainOverrides } = overrides ?? {};
    return {
      overrides: { ...plainOverrides, ...(alerts !== undefined && { alerts: this.#unseal(alerts) }) },
      deployments: (deployments ?? []).map((stored) =>
        withoutUndefined({ name: stored.name, provider: stored.provider, weight: stored.weight, availableModels: stored.available_models, credentials: this.#unseal<ProviderCredentials>(stored.credentials) }),
      ),
      customModels: (models ?? []).map(customModelFromWire),
      loadBalanceGroups: (groups ?? []).map((stored) => ({
        groupId: stored.group_id,
        models: stored.models.map((member) => ({
          model: member.model,
          weight: member.weight,
          ...(member.credentials !== undefined && { credentials: this.#unseal<ProviderCredentials>(member.credentials) }),
        })),
      })),
    };
  }

  /** Writes the document of one area from `documents`. */
  async write(area: SettingsArea, documents: ApiDocuments): Promise<void> {
    await this.#repository.set(DOCUMENT_KEYS[area], this.#stored(area, documents));
  }

  #stored(area: SettingsArea, documents: ApiDocuments): unknown {
    switch (area) {
      case 'settings': {
        const { alerts, ...plainOverrides } = documents.overrides;
        return { ...plainOverrides, ...(alerts !== undefined && { alerts: this.#seal(alerts) }) } satisfies StoredOverrides;
      }
      case 'deployments':
        return documents.deployments.map((deployment): StoredDeployment =>
          withoutUndefined({ name: deployment.name, provider: deployment.provider, weight: deployment.weight, available_models: deployment.availableModels, credentials: this.#seal(deployment.credentials) }),
        );
      case 'models':
        return documents.customModels.map(customModelToWire);
      case 'load_balance_groups':
        return documents.loadBalanceGroups.map((group): StoredGroup => ({
          group_id: group.groupId,
          models: group.models.map((member) => ({
            model: member.model,
            weight: member.weight,
            ...(member.credentials !== undefined && { credentials: this.#seal(member.credentials) }),
          })),
        }));
    }
  }

  #seal(value: unknown): string {
    return this.#cipher.encrypt(JSON.stringify(value));
  }

  #unseal<Value>(sealed: string): Value {
    try {
      return JSON.parse(this.#cipher.decrypt(sealed)) as Value;
    } catch (error) {
      // Almost always a changed SWITCHBOARD_SECRET, or replicas that do not share one.
      throw new Error('Cannot decrypt settings stored through the management API: was SWITCHBOARD_SECRET changed, or do replicas use different secrets?', { cause: error });
    }
  }
}
