import type { Provider } from '../providers/provider.ts';

/** What config loading needs of the provider registry. */
export interface ProviderLookup {
  /** The provider for a canonical id or an alias (`azure_openai` → azure), if known. */
  resolve(idOrAlias: string): Provider | undefined;
  /** Every canonical id, so an unknown one can be answered with the choices. */
  readonly ids: readonly string[];
}
