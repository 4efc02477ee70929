import type { z } from 'zod';
import type { PathProblem } from './config-error.ts';

/**
 * Zod issues in the words an operator reads: `expected a URL`, `is required`, `expected one of:
 * cost, requests, tokens`. Values are described by kind only, never echoed, since a wrong value
 * in a config file is often a secret in the wrong place.
 */
export const describeSchemaIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `expected ${describeExpectedType(issue.expected)}, got ${describeKind(issue.input)}`;
    case 'too_small':
      return describeMinimum(issue.origin, Number(issue.minimum), issue.inclusive !== false);
    case 'too_big':
      return describeMaximum(issue.origin, Number(issue.maximum), issue.inclusive !== false);
    case 'invalid_value':
      return `expected one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'expected a URL' : `expected a valid ${issue.format}`;
    default:
      return undefined;
  }
};

/**
 * Zod issues as located problems. An unknown key becomes one problem at that key (so its line is
 * found), with a suggestion when it looks like a misspelt known key.
 */
export function schemaIssuesToProblems(issues: readonly z.core.$ZodIssue[], topLevelKeys: readonly string[]): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
    if (issue.code !== 'unrecognized_keys') {
      problems.push({ path, message: issue.message });
      continue;
    }
    for (const key of issue.keys) {
      const suggestion = path.length === 0 ? closestName(key, topLevelKeys) : undefined;
      const hint = suggestion === undefined ? '' : `; did you mean ${suggestion}?`;
      problems.push({ path: [...path, key], message: `unknown key${hint}` });
    }
  }
  return problems;
}

function describeExpectedType(expected: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'an integer',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    record: 'a mapping',
  };
  return names[expected] ?? expected;
}

function describeKind(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

function describeMinimum(origin: string, minimum: number, inclusive: boolean): string {
  if (origin === 'string') return minimum <= 1 ? 'must not be empty' : `must be at least ${minimum} characters`;
  if (origin === 'array') return minimum <= 1 ? 'must not be empty' : `must have at least ${minimum} entries`;
  if (!inclusive) return minimum === 0 ? 'must be greater than 0' : `must be greater than ${minimum}`;
  return `must be at least ${minimum}`;
}

function describeMaximum(origin: string, maximum: number, inclusive: boolean): string {
  if (origin === 'string') return `must be at most ${maximum} characters`;
  if (origin === 'array') return `must have at most ${maximum} entries`;
  return inclusive ? `must be at most ${maximum}` : `must be less than ${maximum}`;
}

/** The known name closest to `name`, if one is within two edits. */
function closestName(name: string, knownNames: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of knownNames) {
    const distance = editDistance(name.toLowerCase(), known);
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let leftIndex = 1; leftIndex <= left.length; leftIndex++) {
    const current = [leftIndex];
    for (let rightIndex = 1; rightIndex <= right.length; rightIndex++) {
      const substitution = previous[rightIndex - 1] + (left[leftIndex - 1] === right[rightIndex - 1] ? 0 : 1);
      current.push(Math.min(previous[rightIndex] + 1, current[rightIndex - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length];
}
