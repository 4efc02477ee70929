import type { LimitConfig } from '../config/config.ts';
import type { SettingsRepository } from '../storage/database.ts';
import { limitFromWire, limitToWire, type LimitWire } from './limit-wire.ts';

const SETTINGS_KEY = 'customer_limits';

/**
 * Limits on end customers (`PATCH /api/users/{id}/` with `limits`), held in memory so the limit
 * stage never queries the database; kept in one settings document so every replica loads the same
 * set (and reloads it on a change notice).
 */
export class CustomerLimits {
  readonly #settings: SettingsRepository;
  #byCustomer: ReadonlyMap<string, readonly LimitConfig[]> = new Map();

  constructor(settings: SettingsRepository) {
    this.#settings = settings;
  }

  get(customerIdentifier: string): readonly LimitConfig[] | undefined {
    return this.#byCustomer.get(customerIdentifier);
  }

  async reload(): Promise<void> {
    const stored = (await this.#settings.get<Record<string, LimitWire[]>>(SETTINGS_KEY)) ?? {};
    this.#byCustomer = new Map(Object.entries(stored).map(([customer, limits]) => [customer, limits.map(limitFromWire)]));
  }

  async set(customerIdentifier: string, limits: readonly LimitConfig[]): Promise<void> {
    const stored = (await this.#settings.get<Record<string, LimitWire[]>>(SETTINGS_KEY)) ?? {};
    if (limits.length === 0) delete stored[customerIdentifier];
    else stored[customerIdentifier] = limits.map(limitToWire);
    await this.#settings.set(SETTINGS_KEY, stored);
    await this.reload();
  }
}
