/**
 * The strict `{{name}}` renderer for prompt messages. Templates are data written through the API,
 * so rendering must never evaluate anything: a placeholder is a name between double braces
 * (whitespace allowed inside), replaced by that variable's text. Anything else, `{{ 1 + 1 }}` or a
 * lone brace, is left as it is.
 */

const placeholderPattern = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** The placeholder names a text uses, in order of first appearance. */
export function placeholderNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(placeholderPattern)) names.add(match[1]);
  return [...names];
}

/**
 * Replaces every placeholder whose variable is present; names without a value are reported in
 * `missing` (the caller turns them into a 400) and left in the text.
 */
export function renderTemplate(text: string, values: ReadonlyMap<string, string>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  // A function replacement, so `$&` and friends in a value are inserted literally.
  const rendered = text.replace(placeholderPattern, (placeholder: string, name: string) => {
    const value = values.get(name);
    if (value === undefined) {
      missing.add(name);
      return placeholder;
    }
    return value;
  });
  return { text: rendered, missing: [...missing] };
}

/** A variable's value as text: strings as they are, other JSON values as JSON. */
export function variableText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
