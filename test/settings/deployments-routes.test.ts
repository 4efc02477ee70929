import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, startHarness, testConfig } from './settings-test-harness.ts';

const withConfigDeployment = testConfig({
  deployments: [{ name: 'openai-b', provider: 'openai', credentials: { api_key: 'sk-config-b' }, weight: 2, availableModels: ['gpt-4o-mini'] }],
});

describe('/api/deployments/', () => {
  it('lists config deployments as read-only, without their secrets', async () => {
    const { app } = await startHarness({ config: withConfigDeployment });
    const { status, body } = await call(app, 'GET', '/api/deployments/');
    assert.equal(status, 200);
    assert.deepEqual(body, {
      count: 1, next: null, previous: null,
      results: [{ name: 'openai-b', provider: 'openai', weight: 2, available_models: ['gpt-4o-mini'], source: 'config', settings: {}, secrets_set: ['api_key'] }],
    });
    for (const [method, payload] of [['PATCH', { weight: 5 }], ['DELETE', undefined]] as const) {
      const refused = await call(app, method, '/api/deployments/openai-b/', payload);
      assert.equal(refused.status, 400);
      assert.match(refused.body.detail, /config file/);
    }
    const duplicate = await call(app, 'POST', '/api/deployments/', { name: 'openai-b', provider: 'openai', api_key: 'sk-x' });
    assert.equal(duplicate.status, 400);
    assert.match(duplicate.body.errors.name[0], /config file/);
  });

  it('creates a deployment whose key is sealed at rest and never returned', async () => {
    const { app, repository, runtimeSettings, changes } = await startHarness({ config: withConfigDeployment });
    const created = await call(app, 'POST', '/api/deployments/', { name: 'openai-c', provider: 'openai', api_key: 'sk-plaintext-c', base_url: 'https://proxy.example.com/v1' });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body, {
      name: 'openai-c', provider: 'openai', weight: 1, available_models: null, source: 'api',
      settings: { base_url: 'https://proxy.example.com/v1' }, secrets_set: ['api_key'],
    });
    assert.ok(!JSON.stringify((await call(app, 'GET', '/api/deployments/')).body).includes('sk-plaintext-c'));
    assert.ok(!repository.dump().includes('sk-plaintext-c'), 'the key must not be stored in clear');
    assert.ok(repository.dump().includes('v1:'), 'the credentials are stored sealed');
    assert.deepEqual(runtimeSettings.current.deployments.map((deployment) => deployment.name), ['openai-b', 'openai-c']);
    assert.deepEqual(runtimeSettings.current.deployments[1].credentials, { api_key: 'sk-plaintext-c', base_url: 'https://proxy.example.com/v1' });
    assert.deepEqual(changes, ['deployments']);
  });

  it('PATCH merges: a new weight keeps the key, a new key keeps the base_url, null removes a field', async () => {
    const { app, runtimeSettings } = await startHarness();
    await call(app, 'POST', '/api/deployments/', { name: 'groq-a', provider: 'groq', api_key: 'gsk-old', base_url: 'https://proxy.example.com/v1' });
    const reweighted = await call(app, 'PATCH', '/api/deployments/groq-a/', { weight: 3, available_models: ['llama-3.3-70b-versatile'] });
    assert.equal(reweighted.status, 200);
    assert.equal(reweighted.body.weight, 3);
    assert.deepEqual(reweighted.body.secrets_set, ['api_key']);

    await call(app, 'PATCH', '/api/deployments/groq-a/', { api_key: 'gsk-new', base_url: null, available_models: null });
    const [deployment] = runtimeSettings.current.deployments;
    assert.deepEqual(deployment, { name: 'groq-a', provider: 'groq', credentials: { api_key: 'gsk-new' }, weight: 3 });
  });

  it('resolves provider aliases to the canonical id', async () => {
    const { app } = await startHarness();
    const { body } = await call(app, 'POST', '/api/deployments/', { name: 'together-a', provider: 'togetherai', api_key: 'tk' });
    assert.equal(body.provider, 'together_ai');
  });

  it('validates against the provider: unknown providers, missing keys and bad fields are named', async () => {
    const { app, runtimeSettings } = await startHarness();
    const unknown = await call(app, 'POST', '/api/deployments/', { name: 'x', provider: 'nope', api_key: 'k' });
    assert.equal(unknown.status, 400);
    assert.ok(unknown.body.errors.provider);

    const missingKey = await call(app, 'POST', '/api/deployments/', { name: 'x', provider: 'openai' });
    assert.equal(missingKey.status, 400);
    assert.deepEqual(missingKey.body.errors, { api_key: ['required'] });

    const badShape = await call(app, 'POST', '/api/deployments/', { name: 'has space', provider: 'openai', api_key: 'k', weight: 0, secrets_set: ['api_key'] });
    assert.equal(badShape.status, 400);
    assert.deepEqual(Object.keys(badShape.body.errors).sort(), ['name', 'secrets_set', 'weight']);

    const patchBreaksKey = await call(app, 'POST', '/api/deployments/', { name: 'ok', provider: 'openai', api_key: 'k' });
    assert.equal(patchBreaksKey.status, 201);
    const removed = await call(app, 'PATCH', '/api/deployments/ok/', { api_key: null });
    assert.equal(removed.status, 400);
    assert.deepEqual(removed.body.errors, { api_key: ['required'] });
    assert.deepEqual(runtimeSettings.current.deployments[0].credentials, { api_key: 'k' });
  });

  it('answers 404 for unknown names and deletes API deployments', async () => {
    const { app, runtimeSettings } = await startHarness();
    assert.equal((await call(app, 'GET', '/api/deployments/missing/')).status, 404);
    assert.deepEqual((await call(app, 'PATCH', '/api/deployments/missing/', { weight: 2 })).body, { detail: 'Not found.' });
    await call(app, 'POST', '/api/deployments/', { name: 'openai-c', provider: 'openai', api_key: 'sk-c' });
    const deleted = await call(app, 'DELETE', '/api/deployments/openai-c/');
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body.name, 'openai-c');
    assert.deepEqual(runtimeSettings.current.deployments, []);
    assert.equal((await call(app, 'DELETE', '/api/deployments/openai-c/')).status, 404);
  });
});
