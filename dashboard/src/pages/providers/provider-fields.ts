/**
 * The credential fields each provider takes (contract §2). Secret fields are write-only: the API
 * only says whether they are set. Providers not listed take the OpenAI-compatible pair.
 */
export interface CredentialField {
  name: string;
  label: string;
  secret: boolean;
  multiline?: boolean;
  placeholder?: string;
}

const apiKey: CredentialField = { name: 'api_key', label: 'API key', secret: true };
const baseUrl: CredentialField = { name: 'base_url', label: 'Base URL', secret: false, placeholder: 'the public endpoint' };

const fieldsByProvider: Record<string, CredentialField[]> = {
  azure: [apiKey, { name: 'api_base', label: 'API base', secret: false, placeholder: 'https://RESOURCE.openai.azure.com' }, { name: 'api_version', label: 'API version', secret: false, placeholder: '2024-10-21' }],
  vertex_ai: [
    { name: 'project', label: 'Project', secret: false },
    { name: 'location', label: 'Location', secret: false, placeholder: 'us-central1' },
    { name: 'credentials', label: 'Service account key (JSON)', secret: true, multiline: true },
    baseUrl,
  ],
  bedrock: [
    { name: 'aws_access_key_id', label: 'AWS access key id', secret: true },
    { name: 'aws_secret_access_key', label: 'AWS secret access key', secret: true },
    { name: 'aws_region_name', label: 'AWS region', secret: false, placeholder: 'us-east-1' },
    baseUrl,
  ],
};

export function credentialFieldsFor(providerId: string): CredentialField[] {
  return fieldsByProvider[providerId] ?? [apiKey, baseUrl];
}

export const knownProviderIds = [
  'anthropic', 'azure', 'bedrock', 'cerebras', 'deepseek', 'fireworks_ai', 'gemini', 'groq', 'lm_studio',
  'mistral', 'ollama', 'openai', 'openrouter', 'perplexity', 'together_ai', 'vertex_ai', 'vllm', 'xai',
];

export type CredentialValues = Record<string, string>;

/** Form values to send: public fields as typed (empty clears them), secrets only when typed. */
export function credentialsToWire(fields: CredentialField[], values: CredentialValues, options: { clearEmpty: boolean }): Record<string, string | null> {
  const wire: Record<string, string | null> = {};
  for (const field of fields) {
    const value = (values[field.name] ?? '').trim();
    if (value !== '') wire[field.name] = value;
    else if (!field.secret && options.clearEmpty) wire[field.name] = null;
  }
  return wire;
}

/** The values with typed secrets dropped, once they are saved. */
export function withoutSecrets(fields: CredentialField[], values: CredentialValues): CredentialValues {
  const secret = new Set(fields.filter((field) => field.secret).map((field) => field.name));
  return Object.fromEntries(Object.entries(values).filter(([name]) => !secret.has(name)));
}
