import type { ProviderCredentials } from '../providers/provider.ts';
import type { SettingsRepository } from '../storage/database.ts';
import type { CredentialCipher } from './credential-cipher.ts';

const SETTINGS_KEY = 'provider_credentials';

/** Fields that locate an endpoint rather than grant access: shown in the API, stored in clear. */
const PUBLIC_FIELDS: ReadonlySet<string> = new Set(['base_url', 'api_base', 'api_version', 'project', 'location', 'aws_region_name', 'region', 'model_id_prefix', 'vertex_ai_project', 'vertex_ai_location']);

/**
 * Provider credentials set through the management API, stored as one settings document whose
 * values are AES-256-GCM sealed JSON, one per provider. Nothing secret is ever read back out.
 */
export class StoredProviderCredentials {
  readonly #settings: SettingsRepository;
  readonly #cipher: CredentialCipher;

  constructor(settings: SettingsRepository, cipher: CredentialCipher) {
    this.#settings = settings;
    this.#cipher = cipher;
  }

  async loadAll(): Promise<Map<string, ProviderCredentials>> {
    const sealed = (await this.#settings.get<Record<string, string>>(SETTINGS_KEY)) ?? {};
    const result = new Map<string, ProviderCredentials>();
    for (const [providerId, value] of Object.entries(sealed)) result.set(providerId, JSON.parse(this.#cipher.decrypt(value)));
    return result;
  }

  async save(providerId: string, credentials: ProviderCredentials): Promise<void> {
    const sealed = (await this.#settings.get<Record<string, string>>(SETTINGS_KEY)) ?? {};
    sealed[providerId] = this.#cipher.encrypt(JSON.stringify(credentials));
    await this.#settings.set(SETTINGS_KEY, sealed);
  }

  async remove(providerId: string): Promise<boolean> {
    const sealed = (await this.#settings.get<Record<string, string>>(SETTINGS_KEY)) ?? {};
    if (!(providerId in sealed)) return false;
    delete sealed[providerId];
    await this.#settings.set(SETTINGS_KEY, sealed);
    return true;
  }
}

/** The public view of credentials: endpoint fields in clear, secret fields only named. */
export function describeCredentials(credentials: ProviderCredentials): { settings: Record<string, unknown>; secrets_set: string[] } {
  const settings: Record<string, unknown> = {};
  const secretsSet: string[] = [];
  for (const [field, value] of Object.entries(credentials)) {
    if (PUBLIC_FIELDS.has(field)) settings[field] = value;
    else if (value !== undefined && value !== null && value !== '') secretsSet.push(field);
  }
  return { settings, secrets_set: secretsSet.sort() };
}
