/**
 * A configuration the gateway refuses to start with. `message` lists every problem found, one per
 * line, each as `PATH: MESSAGE (WHERE)`, e.g. `providers.openai.base_url: expected a URL (line 5)`,
 * so one run shows the operator everything to fix rather than one mistake at a time.
 */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map(formatConfigProblem);
    super(lines.join('\n'));
    this.name = 'ConfigError';
    this.problems = lines;
  }
}

export interface ConfigProblem {
  /** A config path (`api_keys[0].key`), an environment variable or a command-line option. */
  path: string;
  message: string;
  /** The line in the config file, shown as `(line 5)`. */
  line?: number;
  /** Other sources: `environment variable`, `command line`. */
  where?: string;
}

/** A problem found in the parsed file, located by its key path before it is reported. */
export interface PathProblem {
  path: readonly PathSegment[];
  message: string;
}

export type PathSegment = string | number;

export function formatConfigProblem(problem: ConfigProblem): string {
  const where = problem.line === undefined ? problem.where : `line ${problem.line}`;
  return `${problem.path}: ${problem.message}${where === undefined ? '' : ` (${where})`}`;
}

/** `['api_keys', 0, 'limits', 1, 'window']` → `api_keys[0].limits[1].window`. */
export function formatConfigPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text === '' ? '(top level)' : text;
}
