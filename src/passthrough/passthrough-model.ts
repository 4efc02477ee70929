import { GatewayError } from '../errors/gateway-error.ts';
import type { GatewayParams } from '../gateway/gateway-params.ts';
import type { GatewayServices } from '../gateway/gateway-services.ts';
import type { Provider, ProviderCredentials } from '../providers/provider.ts';
import type { ResolvedModel } from '../routing/resolve-model.ts';
import { selectCredentials } from '../routing/select-credentials.ts';

export interface PassthroughTarget {
  resolved: ResolvedModel;
  credentials: ProviderCredentials;
}

/**
 * The model a passthrough call names, on the provider that serves it, with the catalog's prices
 * for that provider so the log carries a cost. A passthrough is never rerouted: a model the catalog
 * does not know is still forwarded (the upstream is the judge) and logged without catalog prices.
 * Credentials follow the router's rule: `credential_override` > `customer_credentials` > the gateway's.
 */
export function passthroughTarget(services: GatewayServices, options: {
  providerId: string;
  /** The model as logged and priced (a catalog name where one applies). */
  modelName: string;
  /** The model id the host is called with. */
  upstreamModel: string;
  params: GatewayParams;
}): PassthroughTarget {
  const provider = providerNamed(services, options.providerId);
  const pricing = services.catalog.entriesFor(options.modelName).find((entry) => entry.provider_id === provider.id);
  const resolved: ResolvedModel = { modelName: options.modelName, provider, upstreamModel: options.upstreamModel, pricing };
  const credentials = selectCredentials({
    slug: options.modelName,
    modelName: options.modelName,
    provider,
    stored: services.credentials.get(provider.id),
    customerCredentials: options.params.customer_credentials,
    credentialOverride: options.params.credential_override,
  });
  return { resolved, credentials };
}

export function providerNamed(services: GatewayServices, providerId: string): Provider {
  const provider = services.providers.resolve(providerId);
  if (provider === undefined) throw new GatewayError({ status: 500, message: `Provider '${providerId}' is not registered`, code: 'internal_error' });
  return provider;
}
