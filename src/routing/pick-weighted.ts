/**
 * Weighted random choice (contract §4 load balancing): each option's chance is its weight over the
 * total. `random` is injectable so tests can check the distribution deterministically.
 */
export function pickWeighted<Option>(options: readonly Option[], weightOf: (option: Option) => number, random: () => number = Math.random): Option | undefined {
  let total = 0;
  for (const option of options) total += Math.max(0, weightOf(option));
  if (options.length === 0) return undefined;
  if (total <= 0) return options[Math.floor(random() * options.length)];
  let point = random() * total;
  for (const option of options) {
    point -= Math.max(0, weightOf(option));
    if (point < 0) return option;
  }
  return options[options.length - 1];
}

/** The options in a weighted random order: the first is a weighted pick, then the rest likewise. */
export function orderWeighted<Option>(options: readonly Option[], weightOf: (option: Option) => number, random: () => number = Math.random): Option[] {
  const remaining = [...options];
  const ordered: Option[] = [];
  while (remaining.length > 0) {
    const next = pickWeighted(remaining, weightOf, random)!;
    ordered.push(next);
    remaining.splice(remaining.indexOf(next), 1);
  }
  return ordered;
}
