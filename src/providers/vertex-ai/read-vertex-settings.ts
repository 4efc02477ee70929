import { checkUrlField, readStringField, type CredentialErrors } from '../check-credential-fields.ts';
import { normalizeBaseUrl } from '../normalize-base-url.ts';
import type { ProviderCredentials } from '../provider.ts';
import { readKeySource, type ServiceAccountKeySource } from './service-account-key.ts';

const DEFAULT_LOCATION = 'us-central1';

/** A Vertex location is a region name (`us-central1`) or `global`; it becomes part of a host name. */
const LOCATION_PATTERN = /^[a-z][a-z0-9-]*$/;

export interface VertexSettings {
  project: string | undefined;
  location: string;
  /** `{base}/v1/projects/{project}/locations/{location}/publishers/`: publisher and model follow. */
  publishersUrl: string | undefined;
  keySource: ServiceAccountKeySource | string;
}

/**
 * Reads `{project, location, credentials, base_url}`; Respan's names (`vertex_ai_project`,
 * `vertex_ai_location`, `vertex_ai_credentials`) are accepted too. The project defaults to the
 * key's `project_id` when the key is given inline. The base URL defaults to the regional endpoint
 * `https://{location}-aiplatform.googleapis.com`, or `https://aiplatform.googleapis.com` for the
 * `global` location (https://cloud.google.com/vertex-ai/generative-ai/docs/learn/locations).
 */
export function readVertexSettings(credentials: ProviderCredentials): VertexSettings {
  const keySource = readKeySource(credentials.credentials ?? credentials.vertex_ai_credentials);
  const project = readStringField(credentials, 'project') ?? readStringField(credentials, 'vertex_ai_project')
    ?? (typeof keySource === 'object' && keySource.kind === 'inline' ? keySource.key.project_id : undefined);
  const location = readStringField(credentials, 'location') ?? readStringField(credentials, 'vertex_ai_location') ?? DEFAULT_LOCATION;
  const configuredBaseUrl = readStringField(credentials, 'base_url');
  const baseUrl = configuredBaseUrl !== undefined ? normalizeBaseUrl(configuredBaseUrl)
    : location === 'global' ? 'https://aiplatform.googleapis.com' : `https://${location}-aiplatform.googleapis.com`;
  const publishersUrl = project === undefined
    ? undefined
    : `${baseUrl}/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(location)}/publishers/`;
  return { project, location, publishersUrl, keySource };
}

/** Validation messages for checkCredentials, by field. */
export function checkVertexSettings(credentials: ProviderCredentials, errors: CredentialErrors): void {
  const settings = readVertexSettings(credentials);
  if (typeof settings.keySource === 'string') (errors.credentials ??= []).push(settings.keySource);
  if (settings.project === undefined) (errors.project ??= []).push('required (or a project_id in an inline service-account key)');
  if (!LOCATION_PATTERN.test(settings.location)) (errors.location ??= []).push('expected a Vertex AI location such as us-central1 or global');
  checkUrlField({ credentials, field: 'base_url', required: false, errors });
}
