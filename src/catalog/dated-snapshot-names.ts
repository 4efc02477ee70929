import type { MatchLogic } from '@pydantic/genai-prices';
import { bundledPricingProviders } from './bundled-pricing-providers.ts';

/** `-20250514` or `-2025-05-14` at the end of a name. */
const DATE_SUFFIX = /-20\d{2}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])$/;
/** Vendor or region prefixes (`us.anthropic.`, `anthropic/`) and version tails (`:0`) mark host-specific ids. */
const HOST_SPECIFIC = /[/:]|\.[a-z]/i;

let snapshotNames: readonly string[] | undefined;

/**
 * Dated snapshot ids (`claude-sonnet-4-20250514`) that clients send but genai-prices prices by prefix
 * (`starts_with: claude-sonnet-4-2025`), so they appear in no provider's concrete names. The data names
 * them literally elsewhere (Bedrock's `starts_with: claude-sonnet-4-20250514`), so every date-suffixed
 * literal in the whole data set is a candidate; the catalog keeps those a priced provider's match logic
 * accepts, which is what lets /api/models list them.
 */
export function datedSnapshotNames(): readonly string[] {
  snapshotNames ??= collectSnapshotNames();
  return snapshotNames;
}

function collectSnapshotNames(): string[] {
  const names = new Set<string>();
  for (const provider of bundledPricingProviders) {
    for (const model of provider.models) collectLiterals(model.match, names);
  }
  return [...names].filter((name) => DATE_SUFFIX.test(name) && !HOST_SPECIFIC.test(name)).sort();
}

function collectLiterals(match: MatchLogic, names: Set<string>): void {
  if ('or' in match) for (const clause of match.or) collectLiterals(clause, names);
  else if ('and' in match) for (const clause of match.and) collectLiterals(clause, names);
  else if ('equals' in match) names.add(match.equals);
  else if ('starts_with' in match) names.add(match.starts_with);
  else if ('contains' in match) names.add(match.contains);
}
