import path from 'node:path';
import { assembleConfig } from './assemble-config.ts';
import { ConfigError } from './config-error.ts';
import type { ConfigProblem } from './config-error.ts';
import type { Config } from './config.ts';
import { describeSchemaIssue } from './describe-schema-issue.ts';
import type { ProviderLookup } from './provider-lookup.ts';
import { providersFromEnvironment } from './providers-from-environment.ts';
import { noConfigFile, readConfigFile } from './read-config-file.ts';
import { readEnvironmentSettings } from './read-environment-settings.ts';
import { portSchema } from './setting-schemas.ts';
import { validateConfigFile } from './validate-config-file.ts';

export type { ProviderLookup } from './provider-lookup.ts';
export { ConfigError } from './config-error.ts';

export interface LoadConfigOptions {
  /** The YAML file; else `SWITCHBOARD_CONFIG`; else none, and the gateway runs on defaults. */
  configPath?: string;
  /** From the command line; they beat the environment and the file. */
  overrides?: { port?: number; host?: string };
  env: Record<string, string | undefined>;
  providers: ProviderLookup;
  /** Resolves a relative config path and a relative `sqlite:` path; defaults to process.cwd(). */
  cwd?: string;
}

/**
 * Builds the Config once at start-up from defaults, the config file, the environment and the
 * command line (contract §1–§2). Every problem found is reported at once in one ConfigError.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<Config> {
  const cwd = options.cwd ?? process.cwd();
  const overrides = options.overrides ?? {};
  const configPath = options.configPath ?? nonEmpty(options.env.SWITCHBOARD_CONFIG);
  const source = configPath === undefined ? noConfigFile : await readConfigFile(path.resolve(cwd, configPath));

  const validated = validateConfigFile({ source, env: options.env, lookup: options.providers });
  const environment = readEnvironmentSettings(options.env);
  const environmentProviders = providersFromEnvironment({
    env: options.env,
    lookup: options.providers,
    configuredIds: new Set(validated.ok ? Object.keys(validated.providerSettings.providers) : []),
  });

  const problems: ConfigProblem[] = [
    ...(validated.ok ? [] : validated.problems),
    ...environment.problems,
    ...environmentProviders.problems,
    ...checkOverrides(overrides),
  ];
  if (!validated.ok || problems.length > 0) throw new ConfigError(problems);

  return assembleConfig({
    file: validated.file,
    providerSettings: validated.providerSettings,
    environment: environment.settings,
    environmentProviders: environmentProviders.providers,
    overrides,
    cwd,
  });
}

/** Overrides come from parse-cli-arguments.ts, already checked; callers in code get the same checks. */
function checkOverrides(overrides: { port?: number; host?: string }): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (overrides.port !== undefined) {
    const result = portSchema.safeParse(overrides.port, { error: describeSchemaIssue });
    if (!result.success) problems.push({ path: '--port', message: result.error.issues[0].message, where: 'command line' });
  }
  if (overrides.host === '') problems.push({ path: '--host', message: 'must not be empty', where: 'command line' });
  return problems;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}
