import type { PathProblem, PathSegment } from './config-error.ts';

/**
 * `${NAME}` and `${NAME:-default}` substitution in the config file (contract §2).
 *
 * It runs on the parsed values, never on the raw text, so a variable's value is always one string
 * and cannot add keys, lists or YAML syntax. Keys are never substituted.
 *
 * Rules:
 * - A variable set to the empty string counts as unset: container runtimes pass empty strings for
 *   variables they were told about but not given.
 * - `${NAME:-default}` uses `default` when NAME is unset.
 * - `${NAME}` with NAME unset is an error naming the variable, with one exception: when a mapping
 *   value is exactly that placeholder, the key is treated as absent. An optional setting such as
 *   `admin_key: ${SWITCHBOARD_ADMIN_KEY}` is then simply not set; a required one is reported by
 *   validation, whose message `describeUnsetVariables` rewrites to name the variable.
 * - `$${` is a literal `${`.
 * - Substituted values stay strings; numeric and boolean settings accept numeric and boolean text
 *   (see config-file-schema.ts), while credentials stay exactly the text of the variable.
 */

export interface UnsetVariable {
  path: readonly PathSegment[];
  variable: string;
}

export interface SubstitutionResult {
  value: unknown;
  problems: PathProblem[];
  /** Mapping values that were a lone `${NAME}` with NAME unset, now absent. */
  unsetVariables: UnsetVariable[];
}

const placeholderPattern = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const placeholderBodyPattern = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;
const lonePlaceholderPattern = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

export function substituteEnvironmentVariables(
  value: unknown,
  env: Record<string, string | undefined>,
): SubstitutionResult {
  const result: SubstitutionResult = { value: undefined, problems: [], unsetVariables: [] };
  result.value = substituteValue({ value, path: [], env, result });
  return result;
}

function substituteValue(options: {
  value: unknown;
  path: readonly PathSegment[];
  env: Record<string, string | undefined>;
  result: SubstitutionResult;
}): unknown {
  const { value, path, env, result } = options;
  if (typeof value === 'string') return substituteText({ text: value, path, env, problems: result.problems });
  if (Array.isArray(value)) {
    return value.map((item, index) => substituteValue({ value: item, path: [...path, index], env, result }));
  }
  if (value !== null && typeof value === 'object') {
    const substituted: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      const entryPath = [...path, key];
      const lonePlaceholder = typeof entry === 'string' ? lonePlaceholderPattern.exec(entry) : null;
      if (lonePlaceholder !== null && isUnset(env[lonePlaceholder[1]])) {
        // Kept as an undefined-valued key so a misspelt key still fails the unknown-key check.
        substituted[key] = undefined;
        result.unsetVariables.push({ path: entryPath, variable: lonePlaceholder[1] });
        continue;
      }
      substituted[key] = substituteValue({ value: entry, path: entryPath, env, result });
    }
    return substituted;
  }
  return value;
}

function substituteText(options: {
  text: string;
  path: readonly PathSegment[];
  env: Record<string, string | undefined>;
  problems: PathProblem[];
}): string {
  const { text, path, env, problems } = options;
  return text.replace(placeholderPattern, (match: string, body: string | undefined) => {
    if (match === '$${') return '${';
    const parsed = body === undefined ? null : placeholderBodyPattern.exec(body);
    if (parsed === null) {
      problems.push({ path, message: `invalid placeholder ${JSON.stringify(match)}: expected \${NAME} or \${NAME:-default} (write $\${ for a literal \${)` });
      return match;
    }
    const [, name, fallback] = parsed;
    const variableValue = env[name];
    if (!isUnset(variableValue)) return variableValue;
    if (fallback !== undefined) return fallback;
    problems.push({ path, message: `environment variable ${name} is not set` });
    return '';
  });
}

function isUnset(value: string | undefined): value is undefined | '' {
  return value === undefined || value === '';
}
