import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Config } from './config.ts';
import { createFakeProviderLookup } from './fake-provider-lookup.ts';
import { loadConfig } from './load-config.ts';

let directory: string;
before(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'switchboard-config-'));
});
after(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function writeConfig(name: string, text: string): Promise<string> {
  const filePath = path.join(directory, name);
  await writeFile(filePath, text);
  return filePath;
}

const providers = createFakeProviderLookup();

function expectedDefaults(cwd: string): Config {
  return {
    port: 8080,
    host: '127.0.0.1',
    limitsUnavailablePolicy: 'fail_open',
    databaseUrl: `sqlite:${path.join(cwd, 'data/switchboard.db')}`,
    redisKeyPrefix: 'switchboard:',
    providers: {},
    deployments: [],
    models: [],
    fallbackModels: [],
    retries: { retryEnabled: true, numRetries: 3, retryAfter: 0.2 },
    loadBalanceGroups: [],
    cache: { defaultTtl: 1800 },
    maxRequestBodyMb: 32,
    timeouts: { connectS: 10, firstByteS: 120, idleStreamS: 60, requestS: 600 },
    alerts: {},
    apiKeys: [],
    redaction: { enabled: false, patterns: [] },
    allowPrivateImageUrls: false,
    abuse: { requestsPerSecond: 0, burst: 2000, maxJsonDepth: 64, maxArrayLength: 100_000 },
  };
}

describe('loadConfig without a file', () => {
  test('runs on defaults, the sqlite path made absolute against cwd', async () => {
    const config = await loadConfig({ env: {}, providers, cwd: '/srv/gateway' });
    assert.deepEqual(config, expectedDefaults('/srv/gateway'));
  });

  test('an empty or comment-only file means defaults too', async () => {
    const configPath = await writeConfig('empty.yaml', '# nothing yet\n');
    assert.deepEqual(await loadConfig({ configPath, env: {}, providers, cwd: '/srv' }), expectedDefaults('/srv'));
  });
});

const contractExample = `
port: 9090
host: 0.0.0.0
admin_key: \${SWITCHBOARD_ADMIN_KEY}
database_url: sqlite:./data/switchboard.db
redis_url: redis://127.0.0.1:6379          # optional
redis_key_prefix: 'sb-test:'
secret: \${SECRET_FOR_TEST}
providers:                                   # provider id -> credentials
  openai:     { api_key: \${OPENAI_KEY}, base_url: https://api.openai.com/v1 }
  anthropic:  { api_key: sk-ant-test, base_url: https://api.anthropic.com }
  gemini:     { api_key: gem-test, base_url: https://generativelanguage.googleapis.com }
  vertex_ai:  { project: my-project, location: us-central1, credentials: { type: service_account, token_uri: https://oauth2.googleapis.com/token } }
  azure:      { api_key: az-test, api_base: https://res.openai.azure.com, api_version: 2024-10-21 }
  bedrock:    { aws_access_key_id: AKIATEST, aws_secret_access_key: secret, aws_region_name: us-east-1 }
  groq:       { api_key: gsk-test }
deployments:
  - { name: openai-b, provider: openai, api_key: sk-b, weight: 2, available_models: [gpt-4o-mini] }
models:
  - { model_name: fast, base_model_name: gpt-4o-mini }
  - { model_name: my-llama, provider: ollama, input_cost: 0, output_cost: 0 }   # costs: USD per 1M tokens
fallback_models: [claude-sonnet-4-20250514, gemini-2.5-flash]
retries: { retry_enabled: false, num_retries: 5, retry_after: 0.5 }
load_balance_groups:
  - { group_id: chat, models: [ { model: gpt-4o, weight: 3 }, { model: claude-sonnet-4-20250514, weight: 1 } ] }
cache: { default_ttl: 600 }
max_request_body_mb: 16
timeouts: { connect_s: 5, first_byte_s: 60, idle_stream_s: 30 }
alerts:
  slack_webhook_url: https://hooks.slack.com/services/T000/B000/XXXX
  email: { smtp_url: smtp://127.0.0.1:2525, from: gateway@example.com, to: [ops@example.com] }
api_keys:                                    # keys to create at start; stored hashed
  - name: team-a-prod
    key: \${TEAM_A_KEY}
    limits:
      - { metric: cost, window: day, warn_at: 50, block_at: 100 }
      - { metric: requests, window: minute, block_at: 600 }
  - { name: reader, key: read-only-key, scope: read }
log_retention_days: 30
redaction: { enabled: true, patterns: ['sk-[A-Za-z0-9]+'] }
`;

const exampleEnvironment = {
  SWITCHBOARD_ADMIN_KEY: 'admin-secret',
  SECRET_FOR_TEST: 'encryption-secret',
  OPENAI_KEY: 'sk-a',
  TEAM_A_KEY: 'team-a-key-123',
};

describe('loadConfig with the contract §2 example', () => {
  test('parses every section into the typed Config', async () => {
    const configPath = await writeConfig('example.yaml', contractExample);
    const config = await loadConfig({ configPath, env: exampleEnvironment, providers, cwd: '/srv' });
    const expected: Config = {
      limitsUnavailablePolicy: 'fail_open',
      port: 9090,
      host: '0.0.0.0',
      adminKey: 'admin-secret',
      databaseUrl: 'sqlite:/srv/data/switchboard.db',
      redisUrl: 'redis://127.0.0.1:6379',
      redisKeyPrefix: 'sb-test:',
      secret: 'encryption-secret',
      providers: {
        openai: { api_key: 'sk-a', base_url: 'https://api.openai.com/v1' },
        anthropic: { api_key: 'sk-ant-test', base_url: 'https://api.anthropic.com' },
        gemini: { api_key: 'gem-test', base_url: 'https://generativelanguage.googleapis.com' },
        vertex_ai: {
          project: 'my-project',
          location: 'us-central1',
          credentials: { type: 'service_account', token_uri: 'https://oauth2.googleapis.com/token' },
        },
        azure: { api_key: 'az-test', api_base: 'https://res.openai.azure.com', api_version: '2024-10-21' },
        bedrock: { aws_access_key_id: 'AKIATEST', aws_secret_access_key: 'secret', aws_region_name: 'us-east-1' },
        groq: { api_key: 'gsk-test' },
      },
      deployments: [
        { name: 'openai-b', provider: 'openai', credentials: { api_key: 'sk-b' }, weight: 2, availableModels: ['gpt-4o-mini'] },
      ],
      models: [
        { modelName: 'fast', baseModelName: 'gpt-4o-mini' },
        { modelName: 'my-llama', provider: 'ollama', inputCost: 0, outputCost: 0 },
      ],
      fallbackModels: ['claude-sonnet-4-20250514', 'gemini-2.5-flash'],
      retries: { retryEnabled: false, numRetries: 5, retryAfter: 0.5 },
      loadBalanceGroups: [
        { groupId: 'chat', models: [{ model: 'gpt-4o', weight: 3 }, { model: 'claude-sonnet-4-20250514', weight: 1 }] },
      ],
      cache: { defaultTtl: 600 },
      maxRequestBodyMb: 16,
      timeouts: { connectS: 5, firstByteS: 60, idleStreamS: 30, requestS: 600 },
      alerts: {
        slackWebhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX',
        email: { smtpUrl: 'smtp://127.0.0.1:2525', from: 'gateway@example.com', to: ['ops@example.com'] },
      },
      apiKeys: [
        {
          name: 'team-a-prod',
          key: 'team-a-key-123',
          scope: 'inference',
          limits: [
            { metric: 'cost', window: 'day', warnAt: 50, blockAt: 100 },
            { metric: 'requests', window: 'minute', blockAt: 600 },
          ],
        },
        { name: 'reader', key: 'read-only-key', scope: 'read', limits: [] },
      ],
      logRetentionDays: 30,
      redaction: { enabled: true, patterns: ['sk-[A-Za-z0-9]+'] },
      allowPrivateImageUrls: false,
      abuse: { requestsPerSecond: 0, burst: 2000, maxJsonDepth: 64, maxArrayLength: 100_000 },
    };
    assert.deepEqual(config, expected);
  });

  test('is found through SWITCHBOARD_CONFIG, relative to cwd', async () => {
    await writeConfig('from-env.yaml', 'port: 7000\n');
    const config = await loadConfig({ env: { SWITCHBOARD_CONFIG: 'from-env.yaml' }, providers, cwd: directory });
    assert.equal(config.port, 7000);
  });

  test('configPath beats SWITCHBOARD_CONFIG', async () => {
    const configPath = await writeConfig('explicit.yaml', 'port: 7001\n');
    const config = await loadConfig({ configPath, env: { SWITCHBOARD_CONFIG: 'missing.yaml' }, providers, cwd: directory });
    assert.equal(config.port, 7001);
  });
});

describe('precedence: defaults < file < environment < command line', () => {
  const fileText = [
    'port: 9000',
    'host: 10.0.0.1',
    'admin_key: file-admin-key',
    'database_url: sqlite:/var/file.db',
    'redis_url: redis://file:6379',
    "redis_key_prefix: 'file:'",
    'secret: file-secret',
    'log_retention_days: 10',
  ].join('\n');

  test('the environment beats the file', async () => {
    const configPath = await writeConfig('precedence.yaml', fileText);
    const env = {
      PORT: '9100',
      HOST: '10.0.0.2',
      SWITCHBOARD_ADMIN_KEY: 'env-admin-key',
      DATABASE_URL: 'postgres://user:pass@db:5432/switchboard',
      REDIS_URL: 'rediss://env:6380',
      REDIS_KEY_PREFIX: 'env:',
      SWITCHBOARD_SECRET: 'env-secret',
      LOG_RETENTION_DAYS: '7',
    };
    const config = await loadConfig({ configPath, env, providers, cwd: '/srv' });
    assert.equal(config.port, 9100);
    assert.equal(config.host, '10.0.0.2');
    assert.equal(config.adminKey, 'env-admin-key');
    assert.equal(config.databaseUrl, 'postgres://user:pass@db:5432/switchboard');
    assert.equal(config.redisUrl, 'rediss://env:6380');
    assert.equal(config.redisKeyPrefix, 'env:');
    assert.equal(config.secret, 'env-secret');
    assert.equal(config.logRetentionDays, 7);
  });

  test('the file beats defaults; an empty environment variable counts as unset', async () => {
    const configPath = await writeConfig('precedence.yaml', fileText);
    const config = await loadConfig({ configPath, env: { PORT: '', HOST: '' }, providers, cwd: '/srv' });
    assert.equal(config.port, 9000);
    assert.equal(config.host, '10.0.0.1');
    assert.equal(config.databaseUrl, 'sqlite:/var/file.db');
  });

  test('command-line overrides beat the environment', async () => {
    const configPath = await writeConfig('precedence.yaml', fileText);
    const config = await loadConfig({
      configPath,
      env: { PORT: '9100', HOST: '10.0.0.2' },
      overrides: { port: 0, host: '::1' },
      providers,
    });
    assert.equal(config.port, 0);
    assert.equal(config.host, '::1');
  });

  test('a relative sqlite path from the environment is resolved against cwd; :memory: is kept', async () => {
    assert.equal((await loadConfig({ env: { DATABASE_URL: 'sqlite:db/x.db' }, providers, cwd: '/srv' })).databaseUrl, 'sqlite:/srv/db/x.db');
    assert.equal((await loadConfig({ env: { DATABASE_URL: 'sqlite::memory:' }, providers, cwd: '/srv' })).databaseUrl, 'sqlite::memory:');
  });
});
