/**
 * Masks personal data and secrets in content before it is stored (contract §14: `redaction`).
 * Only the stored copy is masked: the caller passes the value to store and gets a masked copy
 * back; the original, which went to the model and the client, is never touched.
 */

export interface RedactionOptions {
  enabled: boolean;
  /** JavaScript regular expressions (validated at config load); each match becomes `[REDACTED]`. */
  patterns: readonly string[];
}

/** Returns a masked deep copy of a JSON value; the identity function when redaction is off. */
export type Redactor = (value: unknown) => unknown;

interface MaskRule {
  pattern: RegExp;
  replace: (match: string) => string;
}

const mask = (label: string) => () => `[${label}]`;

/**
 * The built-in rules, in order. Secrets come first (a key can contain digit runs that look like
 * a phone number), then cards (Luhn-checked so order numbers and timestamps survive), then
 * e-mail addresses and phone numbers.
 */
const builtInRules: readonly MaskRule[] = [
  // OpenAI / Anthropic style keys (sk-..., sk-ant-..., sk-proj-...), AWS access key ids, Google
  // API keys, GitHub and Slack tokens, and any bearer token written out in text.
  { pattern: /\bsk-[A-Za-z0-9_-]{16,}/g, replace: mask('API_KEY') },
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, replace: mask('API_KEY') },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, replace: mask('API_KEY') },
  { pattern: /\b(?:ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{20,}/g, replace: mask('API_KEY') },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: mask('API_KEY') },
  { pattern: /\b[Bb]earer\s+[A-Za-z0-9._~+/=-]{16,}/g, replace: () => 'Bearer [API_KEY]' },
  // 13 to 19 digits, optionally grouped by spaces or dashes; masked only when the Luhn check passes.
  { pattern: /\b\d(?:[ -]?\d){12,18}\b/g, replace: (match) => (passesLuhn(match.replace(/[ -]/g, '')) ? '[CARD]' : match) },
  { pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, replace: mask('EMAIL') },
  // International (+CC ...) or grouped national numbers: at least 9 digits with separators, so
  // plain quantities and years are left alone.
  { pattern: /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}[ .-]\d{3,4}[ .-]?\d{3,4}(?!\w)/g, replace: phoneMask },
  { pattern: /(?<![\w+])\+\d{8,15}(?!\w)/g, replace: mask('PHONE') },
];

function phoneMask(match: string): string {
  return match.replace(/\D/g, '').length >= 9 ? '[PHONE]' : match;
}

/** The Luhn checksum (ISO/IEC 7812-1), which every payment card number satisfies. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Compiles the rules once; the returned function walks every string inside the JSON value. */
export function createRedactor(options: RedactionOptions): Redactor {
  if (!options.enabled) return (value) => value;
  const rules: MaskRule[] = [
    ...options.patterns.map((pattern) => ({ pattern: new RegExp(pattern, 'g'), replace: mask('REDACTED') })),
    ...builtInRules,
  ];
  const redactText = (text: string): string => {
    let result = text;
    for (const rule of rules) {
      rule.pattern.lastIndex = 0;
      result = result.replace(rule.pattern, rule.replace);
    }
    return result;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return redactText(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [field, fieldValue] of Object.entries(value)) copy[field] = walk(fieldValue);
      return copy;
    }
    return value;
  };
  return walk;
}

const redactorsByConfig = new WeakMap<RedactionOptions, Redactor>();

/** The redactor for a config's `redaction` section, compiled on first use and then reused. */
export function redactorFor(options: RedactionOptions): Redactor {
  let redactor = redactorsByConfig.get(options);
  if (redactor === undefined) {
    redactor = createRedactor(options);
    redactorsByConfig.set(options, redactor);
  }
  return redactor;
}
