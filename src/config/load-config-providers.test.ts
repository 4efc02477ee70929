import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configProblemsOf, loadConfigFromText } from './load-config-from-text.ts';

describe('provider names in the config file', () => {
  test('aliases are stored under the canonical id, in providers, deployments and models', async () => {
    const config = await loadConfigFromText(`
providers:
  azure_openai: { api_key: az, api_base: https://res.openai.azure.com, api_version: 2024-10-21 }
  google_vertex_ai: { project: p, location: us-central1 }
  togetherai: { api_key: tg }
deployments:
  - { name: azure-b, provider: azure_openai, api_key: az-b, api_base: https://other.openai.azure.com }
models:
  - { model_name: llama, provider: togetherai, upstream_model: meta-llama/Llama-3.3-70B, context_window: 131072 }
`);
    assert.deepEqual(Object.keys(config.providers), ['azure', 'vertex_ai', 'together_ai']);
    assert.deepEqual(config.providers.azure, { api_key: 'az', api_base: 'https://res.openai.azure.com', api_version: '2024-10-21' });
    assert.deepEqual(config.deployments, [
      { name: 'azure-b', provider: 'azure', credentials: { api_key: 'az-b', api_base: 'https://other.openai.azure.com' }, weight: 1 },
    ]);
    assert.deepEqual(config.models, [
      { modelName: 'llama', provider: 'together_ai', upstreamModel: 'meta-llama/Llama-3.3-70B', contextWindow: 131072 },
    ]);
  });

  test('an unknown id with a base_url is a custom OpenAI-compatible host, kept as written', async () => {
    const config = await loadConfigFromText(`
providers:
  my-vllm: { base_url: http://gpu-box:8000/v1, api_key: local }
  ollama:
models:
  - { model_name: qwen, provider: my-vllm }
`);
    assert.deepEqual(config.providers, { 'my-vllm': { base_url: 'http://gpu-box:8000/v1', api_key: 'local' }, ollama: {} });
    assert.deepEqual(config.models, [{ modelName: 'qwen', provider: 'my-vllm' }]);
  });

  test('an unknown id without a base_url names the known ids', async () => {
    assert.deepEqual(await configProblemsOf('providers:\n  opneai: { api_key: sk }\n'), [
      'providers.opneai: unknown provider (known: anthropic, azure, bedrock, gemini, groq, ollama, openai, together_ai, vertex_ai; a custom OpenAI-compatible host needs a base_url) (line 2)',
    ]);
  });

  test('a provider named twice, by id and alias, is an error', async () => {
    assert.deepEqual(await configProblemsOf('providers:\n  azure: { api_key: a }\n  azure_openai: { api_key: b }\n'), [
      'providers.azure_openai: configures provider azure a second time (also configured as azure) (line 3)',
    ]);
  });

  test('credentials are checked by the provider, its messages placed at the field', async () => {
    const problems = await configProblemsOf(`
providers:
  openai: { base_url: not a url }
deployments:
  - { name: groq-b, provider: groq, api_key: 42 }
`);
    assert.deepEqual(problems, [
      'providers.openai.api_key: is required (line 3)',
      'providers.openai.base_url: expected a URL (line 3)',
      'deployments[0].api_key: expected text (line 5)',
    ]);
  });
});

describe('providers from their usual environment variables', () => {
  test('configure providers the file leaves out, under the canonical id', async () => {
    const config = await loadConfigFromText('providers:\n  groq: { api_key: from-file }\n', {
      env: {
        OPENAI_API_KEY: 'sk-env',
        OPENAI_BASE_URL: 'https://proxy.example.com/v1',
        GROQ_API_KEY: 'ignored-because-the-file-configures-groq',
        GOOGLE_API_KEY: 'google-key',
        TOGETHERAI_API_KEY: 'together-key',
        MISTRAL_API_KEY: 'unknown-to-this-registry',
        OLLAMA_BASE_URL: 'http://127.0.0.1:11434',
        AWS_ACCESS_KEY_ID: 'AKIA-only-half-of-bedrock',
      },
    });
    assert.deepEqual(config.providers, {
      openai: { api_key: 'sk-env', base_url: 'https://proxy.example.com/v1' },
      gemini: { api_key: 'google-key' },
      ollama: { base_url: 'http://127.0.0.1:11434' },
      together_ai: { api_key: 'together-key' },
      groq: { api_key: 'from-file' },
    });
  });

  test('GEMINI_API_KEY wins over GOOGLE_API_KEY; azure and bedrock need all their variables', async () => {
    const config = await loadConfigFromText('port: 8080\n', {
      env: {
        GEMINI_API_KEY: 'gemini-key',
        GOOGLE_API_KEY: 'google-key',
        AZURE_API_KEY: 'az',
        AZURE_API_BASE: 'https://res.openai.azure.com',
        AZURE_API_VERSION: '2024-10-21',
        AWS_ACCESS_KEY_ID: 'AKIA',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_DEFAULT_REGION: 'eu-west-1',
      },
    });
    assert.deepEqual(config.providers, {
      azure: { api_key: 'az', api_base: 'https://res.openai.azure.com', api_version: '2024-10-21' },
      bedrock: { aws_access_key_id: 'AKIA', aws_secret_access_key: 'secret', aws_region_name: 'eu-west-1' },
      gemini: { api_key: 'gemini-key' },
    });
  });

  test('bad credentials name the variable', async () => {
    assert.deepEqual(await configProblemsOf('', { env: { OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: 'nope' } }), [
      'OPENAI_BASE_URL: expected a URL (environment variable, provider openai)',
    ]);
  });
});
