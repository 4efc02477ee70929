import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError } from './config-error.ts';
import { createFakeProviderLookup } from './fake-provider-lookup.ts';
import { loadConfig } from './load-config.ts';
import { configProblemsOf } from './load-config-from-text.ts';

describe('config errors', () => {
  test('list every problem, one per line in file order, as PATH: MESSAGE (line N)', async () => {
    const problems = await configProblemsOf(`port: 70000
host: ''
providers:
  openai:
    api_key: sk-test
    base_url: not-a-url
retries: { retry_enabled: maybe, num_retries: 1.5 }
timeouts: { connect_s: 0 }
alerts:
  slack_webhook_url: hooks.slack.com/x
  email: { smtp_url: http://mail, from: gw@example.com, to: [] }
api_keys:
  - name: team-a
    key: short
    scope: owner
    limits:
      - { metric: spend, window: year, block_at: 1 }
      - { metric: cost, window: day, warn_at: 10, block_at: 5 }
      - { metric: tokens, window: day }
  - { name: team-a, key: another-long-key }
redaction: { enabled: true, patterns: ['[a-z', 'ok'] }
database_url: mysql://db
redis_url: http://cache:6379
models:
  - { model_name: lonely }
`);
    assert.deepEqual(problems, [
      'port: must be at most 65535 (line 1)',
      'host: must not be empty (line 2)',
      'providers.openai.base_url: expected a URL (line 6)',
      'retries.retry_enabled: expected true or false, got text (line 7)',
      'retries.num_retries: expected an integer, got a number (line 7)',
      'timeouts.connect_s: must be greater than 0 (line 8)',
      'alerts.slack_webhook_url: expected a URL (line 10)',
      'alerts.email.smtp_url: expected an smtp:// or smtps:// URL (line 11)',
      'alerts.email.to: must not be empty (line 11)',
      'api_keys[0].key: must be at least 8 characters (line 14)',
      'api_keys[0].scope: expected one of: inference, read, admin (line 15)',
      'api_keys[0].limits[0].metric: expected one of: cost, requests, tokens (line 17)',
      'api_keys[0].limits[0].window: expected one of: minute, hour, day, week, month, lifetime (line 17)',
      'api_keys[0].limits[1].warn_at: must not be greater than block_at (line 18)',
      'api_keys[0].limits[2]: expected warn_at, block_at or both (line 19)',
      'api_keys[1].name: duplicate "team-a": api_keys[0] has the same name (line 20)',
      'redaction.patterns[0]: invalid regular expression: Unterminated character class (line 21)',
      'database_url: expected sqlite:PATH or a postgres:// URL (line 22)',
      'redis_url: expected a redis:// or rediss:// URL (line 23)',
      'models[0]: expected base_model_name (an alias) or provider (a custom model) (line 25)',
    ]);
  });

  test('an unknown top-level key is an error, with a suggestion when it looks misspelt', async () => {
    assert.deepEqual(await configProblemsOf('port: 8080\nfallback_model: [gpt-4o]\nflavour: vanilla\n'), [
      'fallback_model: unknown key; did you mean fallback_models? (line 2)',
      'flavour: unknown key (line 3)',
    ]);
  });

  test('unknown nested keys are errors too', async () => {
    assert.deepEqual(await configProblemsOf('retries:\n  retry_enabled: true\n  max_retries: 2\n'), [
      'retries.max_retries: unknown key (line 3)',
    ]);
  });

  test('a missing required field is reported at its parent', async () => {
    assert.deepEqual(await configProblemsOf('api_keys:\n  - name: no-key\n'), ['api_keys[0].key: is required (line 2)']);
  });

  test('a duplicated api key is reported without revealing it', async () => {
    const problems = await configProblemsOf('api_keys:\n  - { name: a, key: same-secret }\n  - { name: b, key: same-secret }\n');
    assert.deepEqual(problems, ['api_keys[1].key: duplicate: api_keys[0] has the same key (line 3)']);
  });

  test('YAML syntax errors and duplicate keys carry their line', async () => {
    const problems = await configProblemsOf('port: 8080\nport: 8081\n');
    assert.equal(problems.length, 1);
    assert.match(problems[0], /config\.yaml: invalid YAML: Map keys must be unique \(line 2\)$/);
  });

  test('a top level that is not a mapping is an error', async () => {
    const problems = await configProblemsOf('- port\n');
    assert.match(problems[0], /config\.yaml: expected a mapping of settings at the top level \(line 1\)$/);
  });

  test('a missing config file is an error naming the file', async () => {
    const missing = path.join('/nonexistent', 'switchboard.yaml');
    await assert.rejects(loadConfig({ configPath: missing, env: {}, providers: createFakeProviderLookup() }), {
      name: 'ConfigError',
      message: `${missing}: cannot read the config file: file not found`,
    });
  });

  test('bad environment values and command-line overrides are reported with their source', async () => {
    const error = await loadConfig({
      env: { PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_RETENTION_DAYS: '-1' },
      overrides: { port: 70000 },
      providers: createFakeProviderLookup(),
    }).catch((caught: unknown) => caught);
    assert.ok(error instanceof ConfigError);
    assert.deepEqual(error.problems, [
      'PORT: expected a number, got text (environment variable)',
      'DATABASE_URL: expected sqlite:PATH or a postgres:// URL (environment variable)',
      'LOG_RETENTION_DAYS: must be greater than 0 (environment variable)',
      '--port: must be at most 65535 (command line)',
    ]);
  });
});
