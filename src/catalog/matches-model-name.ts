import type { MatchLogic } from '@pydantic/genai-prices';

const compiledPatterns = new Map<string, RegExp>();

/**
 * genai-prices match logic, with the library's semantics: string clauses compare case-insensitively,
 * `regex` runs as written against the lowercased name. Re-implemented (the library does not export its
 * matcher) so that regexes are compiled once instead of on every test.
 */
export function matchesModelName(match: MatchLogic, lowercaseName: string): boolean {
  if ('or' in match) return match.or.some((clause) => matchesModelName(clause, lowercaseName));
  if ('and' in match) return match.and.every((clause) => matchesModelName(clause, lowercaseName));
  if ('equals' in match) return lowercaseName === match.equals.toLowerCase();
  if ('starts_with' in match) return lowercaseName.startsWith(match.starts_with.toLowerCase());
  if ('ends_with' in match) return lowercaseName.endsWith(match.ends_with.toLowerCase());
  if ('contains' in match) return lowercaseName.includes(match.contains.toLowerCase());
  if ('regex' in match) return compiledPattern(match.regex).test(lowercaseName);
  return false;
}

function compiledPattern(source: string): RegExp {
  let pattern = compiledPatterns.get(source);
  if (pattern === undefined) {
    pattern = new RegExp(source);
    compiledPatterns.set(source, pattern);
  }
  return pattern;
}
