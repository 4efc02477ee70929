import { formatConfigPath } from './config-error.ts';
import type { ConfigProblem, PathProblem } from './config-error.ts';
import { configFileKeys, configFileSchema, providerSectionsSchema } from './config-file-schema.ts';
import type { ConfigFile } from './config-file-schema.ts';
import { describeSchemaIssue, schemaIssuesToProblems } from './describe-schema-issue.ts';
import type { ProviderLookup } from './provider-lookup.ts';
import type { ConfigFileSource } from './read-config-file.ts';
import { resolveProviderSettings } from './resolve-provider-settings.ts';
import type { ProviderSettings } from './resolve-provider-settings.ts';
import { substituteEnvironmentVariables } from './substitute-environment-variables.ts';
import type { UnsetVariable } from './substitute-environment-variables.ts';

export type ValidatedConfigFile =
  | { ok: true; file: ConfigFile; providerSettings: ProviderSettings }
  | { ok: false; problems: ConfigProblem[] };

/**
 * Substitutes `${VAR}`s, validates the file against the schema and the provider registry, and
 * reports every problem with its line, in file order.
 */
export function validateConfigFile(options: {
  source: ConfigFileSource;
  env: Record<string, string | undefined>;
  lookup: ProviderLookup;
}): ValidatedConfigFile {
  const { source, env, lookup } = options;
  const substitution = substituteEnvironmentVariables(withoutEmptySettings(source.values), env);
  const validation = configFileSchema.safeParse(substitution.value, { error: describeSchemaIssue });
  const providerSections = validation.success ? validation.data : providerSectionsSchema.safeParse(substitution.value).data;
  const providerSettings = providerSections === undefined ? undefined : resolveProviderSettings(providerSections, lookup);

  const validationProblems = [
    ...(validation.success ? [] : schemaIssuesToProblems(validation.error.issues, configFileKeys)),
    ...(providerSettings?.problems ?? []),
  ];
  // A value whose substitution failed is reported once, not again for what the failure left behind.
  const failedSubstitutions = new Set(substitution.problems.map((problem) => formatConfigPath(problem.path)));
  const problems = [
    ...substitution.problems,
    ...validationProblems.filter((problem) => !failedSubstitutions.has(formatConfigPath(problem.path))),
  ]
    .map((problem) => source.locate(nameUnsetVariable(problem, substitution.unsetVariables)))
    .sort((left, right) => (left.line ?? 0) - (right.line ?? 0));

  if (problems.length > 0 || !validation.success || providerSettings === undefined) return { ok: false, problems };
  return { ok: true, file: validation.data, providerSettings };
}

/** A top-level key with no value (`deployments:` followed only by comments) is as if absent. */
function withoutEmptySettings(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
}

/** A required setting left absent by an unset `${VAR}` is reported as that variable being unset. */
function nameUnsetVariable(problem: PathProblem, unsetVariables: readonly UnsetVariable[]): PathProblem {
  const problemPath = formatConfigPath(problem.path);
  const unset = unsetVariables.find((candidate) => formatConfigPath(candidate.path) === problemPath);
  return unset === undefined ? problem : { path: problem.path, message: `environment variable ${unset.variable} is not set` };
}
