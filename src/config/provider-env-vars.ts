/**
 * The usual environment variables of each provider's own SDK, so a gateway started in a shell
 * that already has `OPENAI_API_KEY` set serves OpenAI with no config file. They apply only to a
 * provider the config file does not configure, and only when the registry knows the provider.
 *
 * `credentials` maps a credential field to the variables that may supply it, first set wins;
 * the provider is configured from the environment only when every `required` field is supplied,
 * so an unrelated `AWS_ACCESS_KEY_ID` alone does not half-configure Bedrock.
 */
export interface ProviderEnvironmentVariables {
  providerId: string;
  credentials: Readonly<Record<string, readonly string[]>>;
  required: readonly string[];
}

export const providerEnvironmentVariables: readonly ProviderEnvironmentVariables[] = [
  { providerId: 'anthropic', credentials: { api_key: ['ANTHROPIC_API_KEY'] }, required: ['api_key'] },
  {
    providerId: 'azure',
    credentials: { api_key: ['AZURE_API_KEY'], api_base: ['AZURE_API_BASE'], api_version: ['AZURE_API_VERSION'] },
    required: ['api_key', 'api_base', 'api_version'],
  },
  {
    providerId: 'bedrock',
    credentials: {
      aws_access_key_id: ['AWS_ACCESS_KEY_ID'],
      aws_secret_access_key: ['AWS_SECRET_ACCESS_KEY'],
      aws_region_name: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
      // Temporary credentials (STS, SSO) only sign with their session token.
      aws_session_token: ['AWS_SESSION_TOKEN'],
    },
    required: ['aws_access_key_id', 'aws_secret_access_key', 'aws_region_name'],
  },
  { providerId: 'cerebras', credentials: { api_key: ['CEREBRAS_API_KEY'] }, required: ['api_key'] },
  { providerId: 'deepseek', credentials: { api_key: ['DEEPSEEK_API_KEY'] }, required: ['api_key'] },
  { providerId: 'fireworks_ai', credentials: { api_key: ['FIREWORKS_API_KEY'] }, required: ['api_key'] },
  { providerId: 'gemini', credentials: { api_key: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] }, required: ['api_key'] },
  { providerId: 'groq', credentials: { api_key: ['GROQ_API_KEY'] }, required: ['api_key'] },
  { providerId: 'mistral', credentials: { api_key: ['MISTRAL_API_KEY'] }, required: ['api_key'] },
  { providerId: 'ollama', credentials: { base_url: ['OLLAMA_BASE_URL'] }, required: ['base_url'] },
  { providerId: 'openai', credentials: { api_key: ['OPENAI_API_KEY'], base_url: ['OPENAI_BASE_URL'] }, required: ['api_key'] },
  { providerId: 'openrouter', credentials: { api_key: ['OPENROUTER_API_KEY'] }, required: ['api_key'] },
  { providerId: 'perplexity', credentials: { api_key: ['PERPLEXITYAI_API_KEY', 'PERPLEXITY_API_KEY'] }, required: ['api_key'] },
  { providerId: 'together_ai', credentials: { api_key: ['TOGETHER_API_KEY', 'TOGETHERAI_API_KEY'] }, required: ['api_key'] },
  { providerId: 'xai', credentials: { api_key: ['XAI_API_KEY'] }, required: ['api_key'] },
];
