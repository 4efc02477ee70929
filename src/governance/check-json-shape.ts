/**
 * Refuses JSON that is legal but hostile: nesting deep enough to exhaust a recursive walker
 * further down the pipeline (schema checks, canonical cache keys, redaction), or arrays long
 * enough to make per-element work explode. Returns the problem in words, or undefined.
 */
export interface JsonShapeLimits {
  maxDepth: number;
  maxArrayLength: number;
}

export function findJsonShapeProblem(value: unknown, limits: JsonShapeLimits): string | undefined {
  // Iterative, so a deep document cannot overflow the stack here either.
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limits.maxDepth) return `The JSON body is nested more than ${limits.maxDepth} levels deep.`;
    if (Array.isArray(current)) {
      if (current.length > limits.maxArrayLength) return `The JSON body has an array of ${current.length} items; at most ${limits.maxArrayLength} are accepted.`;
      for (const item of current) if (item !== null && typeof item === 'object') stack.push({ value: item, depth: depth + 1 });
    } else {
      for (const field in current) {
        const item = (current as Record<string, unknown>)[field];
        if (item !== null && typeof item === 'object') stack.push({ value: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}
