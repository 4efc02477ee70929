import type { MatchLogic, ModelInfo } from '@pydantic/genai-prices';

/**
 * The names a genai-prices model is listed under: its id plus every `equals` value reachable through
 * `or`. Prefix, substring and regex clauses name families, not models, and an `equals` inside `and`
 * may be excluded by the other clauses, so neither contributes a name.
 */
export function concreteModelNames(model: ModelInfo): string[] {
  const names = new Set<string>([model.id]);
  collectEqualsValues(model.match, names);
  return [...names];
}

function collectEqualsValues(match: MatchLogic, names: Set<string>): void {
  if ('equals' in match) names.add(match.equals);
  else if ('or' in match) for (const clause of match.or) collectEqualsValues(clause, names);
}
