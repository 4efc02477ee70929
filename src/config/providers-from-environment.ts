import type { ProviderCredentials } from '../providers/provider.ts';
import type { ConfigProblem } from './config-error.ts';
import { providerEnvironmentVariables } from './provider-env-vars.ts';
import type { ProviderLookup } from './provider-lookup.ts';

/**
 * Providers configured by their SDKs' usual environment variables (see provider-env-vars.ts),
 * for providers the registry knows and the config file leaves out. Credentials are checked like
 * the file's, with problems named after the variable that supplied the field.
 */
export function providersFromEnvironment(options: {
  env: Record<string, string | undefined>;
  lookup: ProviderLookup;
  configuredIds: ReadonlySet<string>;
}): { providers: Record<string, ProviderCredentials>; problems: ConfigProblem[] } {
  const { env, lookup, configuredIds } = options;
  const providers: Record<string, ProviderCredentials> = {};
  const problems: ConfigProblem[] = [];
  for (const entry of providerEnvironmentVariables) {
    const provider = lookup.resolve(entry.providerId);
    if (provider === undefined || configuredIds.has(provider.id) || provider.id in providers) continue;
    const credentials: Record<string, string> = {};
    const variableByField: Record<string, string> = {};
    for (const [field, variables] of Object.entries(entry.credentials)) {
      const variable = variables.find((name) => env[name] !== undefined && env[name] !== '');
      if (variable === undefined) continue;
      credentials[field] = env[variable] as string;
      variableByField[field] = variable;
    }
    if (!entry.required.every((field) => field in credentials)) continue;
    const check = provider.checkCredentials(credentials);
    if (!check.ok) {
      for (const [field, messages] of Object.entries(check.errors)) {
        const where = `environment variable, provider ${provider.id}`;
        for (const message of messages) problems.push({ path: variableByField[field] ?? `${provider.id}.${field}`, message, where });
      }
      continue;
    }
    providers[provider.id] = credentials;
  }
  return { providers, problems };
}
