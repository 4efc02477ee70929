import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { UpstreamError } from '../../errors/upstream-error.ts';

/** The fields of a Google service-account key file the gateway uses. */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
  /** Where the JWT-bearer grant is posted; Google's keys name https://oauth2.googleapis.com/token. */
  token_uri?: string;
}

/** A key as configured: the key object, its JSON text, or the path of its file. */
export type ServiceAccountKeySource = { kind: 'inline'; key: ServiceAccountKey } | { kind: 'file'; path: string };

/**
 * Reads the configured key without I/O: an object or JSON text is the key itself, any other string
 * is a file path (read later, once, by loadServiceAccountKey). Returns an error message otherwise.
 */
export function readKeySource(value: unknown): ServiceAccountKeySource | string {
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return 'required';
    if (!text.startsWith('{')) return { kind: 'file', path: text };
    try {
      return toInlineSource(JSON.parse(text));
    } catch {
      return 'not valid JSON';
    }
  }
  if (value === undefined || value === null) return 'required';
  return toInlineSource(value);
}

function toInlineSource(value: unknown): ServiceAccountKeySource | string {
  const problem = describeKeyProblem(value);
  return problem === undefined ? { kind: 'inline', key: value as ServiceAccountKey } : problem;
}

function describeKeyProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'expected a service-account key (object, JSON text or file path)';
  const key = value as Record<string, unknown>;
  if (typeof key.client_email !== 'string' || key.client_email === '') return 'the service-account key has no client_email';
  if (typeof key.private_key !== 'string' || key.private_key === '') return 'the service-account key has no private_key';
  return undefined;
}

/** Parsed key files by path: read once; a failed read is forgotten so a fixed file is picked up. */
const keyFiles = new Map<string, Promise<ServiceAccountKey>>();

export async function loadServiceAccountKey(source: ServiceAccountKeySource): Promise<ServiceAccountKey> {
  if (source.kind === 'inline') return source.key;
  let loading = keyFiles.get(source.path);
  if (loading === undefined) {
    loading = readKeyFile(source.path);
    keyFiles.set(source.path, loading);
    loading.catch(() => keyFiles.delete(source.path));
  }
  return loading;
}

async function readKeyFile(path: string): Promise<ServiceAccountKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw invalidKey(`the service-account key file could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidKey('the service-account key file is not valid JSON', error);
  }
  const problem = describeKeyProblem(parsed);
  if (problem !== undefined) throw invalidKey(problem);
  return parsed as ServiceAccountKey;
}

/** Fails early, with a clear message, on a private key that is not a PEM key the JWT signer can use. */
export function assertUsablePrivateKey(key: ServiceAccountKey): void {
  try {
    createPrivateKey(key.private_key);
  } catch (error) {
    throw invalidKey('the service-account private_key is not a valid PEM private key', error);
  }
}

/** A key the gateway cannot use: this provider's configuration is wrong, another may work. */
export function invalidKey(detail: string, cause?: unknown): UpstreamError {
  return new UpstreamError({
    kind: 'http',
    status: 401,
    message: `Vertex AI credentials are unusable: ${detail}`,
    code: 'invalid_credentials',
    retryable: false,
    fallbackable: true,
    cause,
  });
}
