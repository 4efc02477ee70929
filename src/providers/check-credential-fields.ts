import type { CredentialCheck, ProviderCredentials } from './provider.ts';

/** Field name → messages, the shape of a failed CredentialCheck. */
export type CredentialErrors = Record<string, string[]>;

interface FieldCheck {
  credentials: ProviderCredentials;
  field: string;
  required: boolean;
  errors: CredentialErrors;
}

/** A non-empty string, e.g. `api_key`. */
export function checkStringField({ credentials, field, required, errors }: FieldCheck): void {
  const value = credentials[field];
  if (value === undefined || value === null || value === '') {
    if (required) addError(errors, field, 'required');
  } else if (typeof value !== 'string') {
    addError(errors, field, 'expected a string');
  }
}

/** An absolute http(s) URL, e.g. `base_url`. */
export function checkUrlField({ credentials, field, required, errors }: FieldCheck): void {
  const value = credentials[field];
  if (value === undefined || value === null || value === '') {
    if (required) addError(errors, field, 'required');
  } else if (typeof value !== 'string' || !isHttpUrl(value)) {
    addError(errors, field, 'expected a URL');
  }
}

export function toCredentialCheck(errors: CredentialErrors): CredentialCheck {
  return Object.keys(errors).length === 0 ? { ok: true } : { ok: false, errors };
}

/** The string value of a credentials field, or undefined when it is absent, empty or not a string. */
export function readStringField(credentials: ProviderCredentials, field: string): string | undefined {
  const value = credentials[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function addError(errors: CredentialErrors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}
