import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError, formatConfigPath } from './config-error.ts';
import type { ConfigProblem, PathProblem } from './config-error.ts';
import { findYamlLine } from './find-yaml-line.ts';
import { restorePlaceholders, shieldPlaceholders } from './shield-placeholders.ts';

/** The parsed file, plus the means to point a problem at its line. */
export interface ConfigFileSource {
  /** The top-level mapping as plain data; `{}` for an empty file. */
  values: Record<string, unknown>;
  locate(problem: PathProblem): ConfigProblem;
}

/** No file at all: the gateway runs on defaults and the environment (contract §1). */
export const noConfigFile: ConfigFileSource = {
  values: {},
  locate: (problem) => ({ path: formatConfigPath(problem.path), message: problem.message }),
};

/** Reads and parses the YAML file; an unreadable file or a YAML syntax error is a ConfigError at once. */
export async function readConfigFile(filePath: string): Promise<ConfigFileSource> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError([{ path: filePath, message: `cannot read the config file: ${reason}` }]);
  }
  return parseConfigText(text, filePath);
}

export function parseConfigText(text: string, filePath: string): ConfigFileSource {
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: `2024-10-21` stays text and `on`/`yes` are not booleans.
  const shielded = shieldPlaceholders(text);
  const document = parseDocument(shielded.text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((error) => ({
        path: filePath,
        message: `invalid YAML: ${shielded.restore(error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''))}`,
        line: lineCounter.linePos(error.pos[0]).line,
      })),
    );
  }
  const values = restorePlaceholders(document.toJS() ?? {}, shielded.restore);
  if (typeof values !== 'object' || Array.isArray(values)) {
    throw new ConfigError([{ path: filePath, message: 'expected a mapping of settings at the top level', line: 1 }]);
  }
  return {
    values: values as Record<string, unknown>,
    locate(problem) {
      const line = findYamlLine({ document, lineCounter, path: problem.path, keyText: shielded.restore });
      return {
        path: formatConfigPath(problem.path),
        message: problem.message,
        ...(line === undefined ? {} : { line }),
      };
    },
  };
}
