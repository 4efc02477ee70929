import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOpenAIMock } from '../mock-upstreams/openai-mock-upstream.ts';
import { startGatewayProcess } from '../support/gateway-process.ts';

/**
 * No secret in any log line, stored row, API response or metric (issue 13): a gateway process
 * runs with known secrets, is exercised on success and failure paths, and everything it produced
 * is scanned for them.
 */
test('secrets never appear in logs, storage, responses or metrics', async () => {
  const secrets = {
    admin: 'admin-SECRET-7d1f0c9e2b',
    apiKey: 'sk-team-SECRET-4a8b2c6d',
    upstream: 'sk-upstream-SECRET-91e3f5',
    storedProvider: 'gsk-stored-SECRET-5c7e',
    serverSecret: 'server-SECRET-0f2d4b6a8c',
  };
  const mock = await startOpenAIMock();
  const directory = await mkdtemp(join(tmpdir(), 'switchboard-secrets-'));
  const gateway = await startGatewayProcess({
    directory,
    name: 'secrets',
    env: { SWITCHBOARD_SECRET: secrets.serverSecret, LOG_LEVEL: 'debug' },
    yaml: [
      `admin_key: ${secrets.admin}`,
      `database_url: sqlite:${join(directory, 'switchboard.db')}`,
      'providers:',
      `  openai: { api_key: ${secrets.upstream}, base_url: ${mock.url}/v1 }`,
      'api_keys:',
      `  - { name: team, key: ${secrets.apiKey} }`,
    ].join('\n'),
  });
  const responses: string[] = [];
  const call = async (path: string, key: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
    const response = await fetch(`${gateway.url}${path}`, {
      method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    responses.push(`${[...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n${text}`);
    return { status: response.status, text };
  };
  try {
    const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] };
    assert.equal((await call('/api/chat/completions', secrets.apiKey, chat)).status, 200);
    assert.equal((await call('/api/chat/completions', secrets.apiKey, { ...chat, stream: true })).status, 200);
    assert.equal((await call('/api/chat/completions', `${secrets.apiKey}-wrong`, chat)).status, 401);
    mock.script({ kind: 'status', status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }) });
    assert.equal((await call('/api/chat/completions', secrets.apiKey, { ...chat, retry_params: { retry_enabled: false }, disable_fallback: true })).status, 401);
    assert.equal((await call('/api/providers/', secrets.admin, { provider_id: 'groq', api_key: secrets.storedProvider })).status, 201);
    assert.equal((await call('/api/providers/', secrets.admin)).status, 200);
    assert.equal((await call('/api/providers/groq/', secrets.admin, { base_url: 'https://api.groq.com/openai/v1' }, 'PATCH')).status, 200);
    assert.equal((await call('/api/api-keys/', secrets.admin)).status, 200);
    assert.equal((await call('/api/audit-logs/', secrets.admin)).status, 200);
    assert.equal((await call('/api/request-logs/list/', secrets.admin, {})).status, 200);
    assert.equal((await call('/api/settings/', secrets.admin)).status, 200);
    assert.equal((await call('/metrics', secrets.admin)).status, 200);
    assert.equal((await call('/health', secrets.admin)).status, 200);
  } finally {
    assert.equal(await gateway.stop(), 0);
    await mock.close();
  }
  const stored: string[] = [];
  for (const file of await readdir(directory)) if (file.startsWith('switchboard.db')) stored.push((await readFile(join(directory, file))).toString('latin1'));
  await rm(directory, { recursive: true, force: true });
  const places = { 'log lines': gateway.output(), 'stored rows': stored.join('\n'), 'API responses': responses.join('\n') };
  assert.ok(places['log lines'].length > 0, 'the gateway wrote log lines');
  for (const [name, secret] of Object.entries(secrets)) {
    for (const [place, text] of Object.entries(places)) {
      assert.ok(!text.includes(secret), `the ${name} secret appears in ${place}`);
    }
  }
});
