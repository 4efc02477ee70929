import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configProblemsOf, loadConfigFromText } from './load-config-from-text.ts';
import { substituteEnvironmentVariables } from './substitute-environment-variables.ts';

describe('substituteEnvironmentVariables', () => {
  const env = { HOST_NAME: 'db.internal', EMPTY: '', TOKEN: 'abc' };

  test('replaces ${NAME} and ${NAME:-default} inside values', () => {
    const result = substituteEnvironmentVariables(
      {
        url: 'postgres://${HOST_NAME}:${DB_PORT:-5432}/app',
        fromEmpty: '${EMPTY:-fallback}',
        setBeatsDefault: '${TOKEN:-unused}',
        literal: 'cost $${NOT_A_VARIABLE}',
        list: ['${TOKEN}', 7, true, null],
      },
      env,
    );
    assert.deepEqual(result.value, {
      url: 'postgres://db.internal:5432/app',
      fromEmpty: 'fallback',
      setBeatsDefault: 'abc',
      literal: 'cost ${NOT_A_VARIABLE}',
      list: ['abc', 7, true, null],
    });
    assert.deepEqual(result.problems, []);
  });

  test('never substitutes keys', () => {
    const result = substituteEnvironmentVariables({ '${TOKEN}': 'x' }, env);
    assert.deepEqual(result.value, { '${TOKEN}': 'x' });
  });

  test('a value is always one string, whatever it contains', () => {
    const result = substituteEnvironmentVariables({ models: '${MODELS}' }, { MODELS: '[a, b]\nport: 1' });
    assert.deepEqual(result.value, { models: '[a, b]\nport: 1' });
  });

  test('a mapping value that is only an unset ${NAME} becomes absent, and is remembered', () => {
    const result = substituteEnvironmentVariables({ admin_key: '${ADMIN}', nested: { key: '${EMPTY}' } }, env);
    assert.deepEqual(result.value, { admin_key: undefined, nested: { key: undefined } });
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.unsetVariables, [
      { path: ['admin_key'], variable: 'ADMIN' },
      { path: ['nested', 'key'], variable: 'EMPTY' },
    ]);
  });

  test('an unset variable inside text or in a list is an error naming it', () => {
    const result = substituteEnvironmentVariables({ url: 'redis://${REDIS_HOST}:6379', to: ['${OPS_EMAIL}'] }, env);
    assert.deepEqual(result.problems, [
      { path: ['url'], message: 'environment variable REDIS_HOST is not set' },
      { path: ['to', 0], message: 'environment variable OPS_EMAIL is not set' },
    ]);
  });

  test('a malformed placeholder is an error', () => {
    const result = substituteEnvironmentVariables({ bad: '${1ST}', open: 'x ${OPEN' }, env);
    assert.deepEqual(
      result.problems.map((problem) => problem.path),
      [['bad'], ['open']],
    );
    assert.match(result.problems[0].message, /^invalid placeholder "\$\{1ST\}"/);
  });
});

describe('substitution in a config file', () => {
  test('works in flow mappings, and numbers and booleans accept substituted text', async () => {
    const config = await loadConfigFromText(
      [
        'port: ${PORT_FOR_TEST:-9001}',
        'providers:',
        '  openai: { api_key: ${OPENAI_KEY}, base_url: "${OPENAI_URL:-https://api.openai.com/v1}" }',
        'retries: { retry_enabled: ${RETRY:-false}, num_retries: ${RETRIES} }',
      ].join('\n'),
      { env: { OPENAI_KEY: '12345678', RETRIES: '4' } },
    );
    assert.equal(config.port, 9001);
    // A numeric-looking secret stays text: substituted values are never retyped.
    assert.deepEqual(config.providers.openai, { api_key: '12345678', base_url: 'https://api.openai.com/v1' });
    assert.deepEqual(config.retries, { retryEnabled: false, numRetries: 4, retryAfter: 0.2 });
  });

  test('an optional setting that is only an unset ${NAME} is simply not set', async () => {
    const config = await loadConfigFromText('admin_key: ${SWITCHBOARD_ADMIN_KEY}\nsecret: ${SWITCHBOARD_SECRET}\n');
    assert.equal('adminKey' in config, false);
    assert.equal('secret' in config, false);
  });

  test('a required setting left unset names the variable and the line', async () => {
    const problems = await configProblemsOf(
      [
        'redis_url: redis://${REDIS_HOST}:6379',
        'api_keys:',
        '  - name: team-a-prod',
        '    key: ${TEAM_A_KEY}',
        'providers:',
        '  groq: { api_key: ${GROQ_KEY} }',
      ].join('\n'),
    );
    assert.deepEqual(problems, [
      'redis_url: environment variable REDIS_HOST is not set (line 1)',
      'api_keys[0].key: environment variable TEAM_A_KEY is not set (line 4)',
      'providers.groq.api_key: environment variable GROQ_KEY is not set (line 6)',
    ]);
  });

  test('a variable cannot inject YAML structure', async () => {
    const problems = await configProblemsOf('fallback_models: ${MODELS}\n', { env: { MODELS: '[gpt-4o, gpt-4o-mini]' } });
    assert.deepEqual(problems, ['fallback_models: expected a list, got text (line 1)']);
  });
});
