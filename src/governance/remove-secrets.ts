/**
 * Copies a management payload with every secret replaced by `[secret]`, for the audit log
 * (contract §14: an entry never holds a secret). Field names decide, as in
 * `describeCredentials`: keys, tokens, passwords, secrets and credential blobs are secrets; the
 * marker stays so an auditor still sees that a secret was set or changed.
 */

const SECRET_MARKER = '[secret]';

/** `api_key`, `key`, `secret_access_key`, `session_token`, `password`, `private_key`, `authorization`... */
const secretFieldPattern = /(^|_)(key|hash|api_key|secret|secret_key|access_key|password|token|private_key|authorization|client_secret)$/i;

/** Names that end like a secret but hold none: counters, prefixes, lists of which secrets are set. */
const publicFields = new Set(['key_prefix', 'secrets_set', 'cache_key', 'prompt_key', 'group_key', 'max_tokens', 'total_tokens']);

export function removeSecrets(value: unknown, insideCredentials = false): unknown {
  if (Array.isArray(value)) return value.map((item) => removeSecrets(item, insideCredentials));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [field, fieldValue] of Object.entries(value)) {
    if (fieldValue === undefined) continue;
    if (isSecretField(field, fieldValue, insideCredentials)) {
      copy[field] = fieldValue === null || fieldValue === '' ? fieldValue : SECRET_MARKER;
      continue;
    }
    copy[field] = removeSecrets(fieldValue, insideCredentials || field === 'credentials');
  }
  return copy;
}

function isSecretField(field: string, value: unknown, insideCredentials: boolean): boolean {
  if (publicFields.has(field)) return false;
  if (secretFieldPattern.test(field)) return true;
  // A `credentials` mapping holds public settings (base_url, region) beside its secrets, so it is
  // walked; a credentials string, or credentials nested inside credentials (a Vertex AI
  // service-account key), is a secret as a whole.
  if (field === 'credentials') return typeof value !== 'object' || value === null || Array.isArray(value) || insideCredentials;
  return false;
}
