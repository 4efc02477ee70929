import { GatewayError } from '../errors/gateway-error.ts';
import type { Provider, ProviderCredentials } from '../providers/provider.ts';

export interface CredentialSources {
  /** The slug as the client sent it (`credential_override` is keyed by slug). */
  slug: string;
  modelName: string;
  provider: Provider;
  /** The gateway's own credentials for this provider (config, management API). */
  stored: ProviderCredentials | undefined;
  customerCredentials?: Record<string, Record<string, unknown>>;
  credentialOverride?: Record<string, Record<string, unknown>>;
}

/**
 * Credentials for one attempt (contract §4): `credential_override[slug]` > `customer_credentials[provider]`
 * > the gateway's own. Request-supplied credentials are checked by the provider: a bad one is a 400.
 */
export function selectCredentials(sources: CredentialSources): ProviderCredentials {
  const fromRequest = requestCredentialsFor(sources);
  if (fromRequest !== undefined) return fromRequest;
  if (sources.stored !== undefined) return sources.stored;
  if (sources.provider.checkCredentials({}).ok) return {};
  throw new GatewayError({
    status: 400,
    message: `Provider '${sources.provider.id}' has no credentials configured on this gateway; add them to the config file or send customer_credentials`,
    code: 'provider_not_configured',
    param: 'model',
  });
}

/**
 * The credentials the request itself supplies for this model and provider, merged over the
 * gateway's (a request may omit what the gateway knows: base URL, API version); undefined when
 * the request names none for it.
 */
export function requestCredentialsFor(sources: CredentialSources): ProviderCredentials | undefined {
  const override = sources.credentialOverride?.[sources.slug] ?? sources.credentialOverride?.[sources.modelName]
    ?? sources.credentialOverride?.[`${sources.provider.id}/${sources.modelName}`];
  const fromRequest = override ?? customerCredentialsFor(sources);
  if (fromRequest === undefined) return undefined;
  const merged = { ...sources.stored, ...fromRequest };
  const check = sources.provider.checkCredentials(merged);
  if (!check.ok) {
    const field = Object.keys(check.errors)[0] ?? 'credentials';
    throw new GatewayError({ status: 400, message: `Invalid credentials for ${sources.provider.id}: ${field}: ${check.errors[field]?.join(', ')}`, param: override === undefined ? 'customer_credentials' : 'credential_override', code: 'invalid_credentials' });
  }
  return merged;
}

function customerCredentialsFor(sources: CredentialSources): Record<string, unknown> | undefined {
  const all = sources.customerCredentials;
  if (all === undefined) return undefined;
  if (all[sources.provider.id] !== undefined) return all[sources.provider.id];
  for (const alias of sources.provider.aliases ?? []) if (all[alias] !== undefined) return all[alias];
  return undefined;
}
