import type { ProviderCredentials } from '../providers/provider.ts';

/**
 * Provider credentials in effect: the config file's, overlaid by those stored through the
 * management API (decrypted once when loaded, never per request).
 */
export class ProviderCredentialStore {
  readonly #fromConfig: ReadonlyMap<string, ProviderCredentials>;
  #stored = new Map<string, ProviderCredentials>();

  constructor(fromConfig: Record<string, ProviderCredentials>) {
    this.#fromConfig = new Map(Object.entries(fromConfig));
  }

  get(providerId: string): ProviderCredentials | undefined {
    return this.#stored.get(providerId) ?? this.#fromConfig.get(providerId);
  }

  /** Replaces the stored overlay (after a load or a management change). */
  replaceStored(stored: ReadonlyMap<string, ProviderCredentials>): void {
    this.#stored = new Map(stored);
  }

  configuredProviderIds(): string[] {
    return [...new Set([...this.#fromConfig.keys(), ...this.#stored.keys()])].sort();
  }
}
