import { randomUUID } from 'node:crypto';

/**
 * The contract writes placeholders inside flow mappings (`openai: { api_key: ${OPENAI_API_KEY} }`),
 * where `{` and `}` are YAML syntax, so a bare `${VAR}` there is a parse error. Before parsing,
 * each placeholder is swapped for a token made only of letters, digits and `_` (valid in every
 * kind of scalar and on the same line, so line numbers stay right); after parsing, tokens are
 * swapped back. Substitution itself still happens on parsed values (see
 * substitute-environment-variables.ts), so a variable's value can never become YAML structure.
 */
export interface ShieldedText {
  text: string;
  /** Puts the original placeholders back into a parsed key or value. */
  restore(text: string): string;
}

// `$${` is the literal-`${` escape and is left for substitution to unescape.
const placeholderPattern = /\$\$\{|\$\{[^}\n]*\}/g;

export function shieldPlaceholders(text: string): ShieldedText {
  const nonce = randomUUID().replaceAll('-', '');
  const placeholders: string[] = [];
  const shielded = text.replace(placeholderPattern, (match) => {
    if (match === '$${') return match;
    placeholders.push(match);
    return `__switchboard_${nonce}_${placeholders.length - 1}__`;
  });
  const tokenPattern = new RegExp(`__switchboard_${nonce}_(\\d+)__`, 'g');
  return {
    text: shielded,
    restore: (value) => (placeholders.length === 0 ? value : value.replace(tokenPattern, (_, index: string) => placeholders[Number(index)])),
  };
}

/** Restores placeholders throughout parsed data, keys included. */
export function restorePlaceholders(value: unknown, restore: (text: string) => string): unknown {
  if (typeof value === 'string') return restore(value);
  if (Array.isArray(value)) return value.map((item) => restorePlaceholders(item, restore));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [restore(key), restorePlaceholders(entry, restore)]),
    );
  }
  return value;
}
