import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, MemorySettingsRepository, startHarness, testConfig } from './settings-test-harness.ts';

/** Two gateway processes on one database: what one changes, the other applies on reload(). */
describe('settings across replicas', () => {
  it('a second store sharing the repository sees every change after reload()', async () => {
    const repository = new MemorySettingsRepository();
    const config = testConfig({ models: [{ modelName: 'fast', baseModelName: 'gpt-4o-mini' }] });
    const first = await startHarness({ config, repository });
    const second = await startHarness({ config, repository });

    await call(first.app, 'PATCH', '/api/settings/', { fallback_models: ['gemini-2.5-flash', 'gpt-4o-mini'], retries: { num_retries: 1 } });
    await call(first.app, 'POST', '/api/deployments/', { name: 'openai-c', provider: 'openai', api_key: 'sk-c' });
    await call(first.app, 'POST', '/api/models/', { model_name: 'quick', base_model_name: 'gpt-4o' });
    await call(first.app, 'POST', '/api/load-balance-groups/', { group_id: 'chat', models: [{ model: 'gpt-4o', credentials: { api_key: 'sk-m' } }] });
    assert.deepEqual(first.changes, ['settings', 'deployments', 'models', 'load_balance_groups']);

    assert.deepEqual(second.runtimeSettings.current.fallbackModels, []);
    await second.store.reload();
    assert.deepEqual(second.runtimeSettings.current, first.runtimeSettings.current);
    assert.deepEqual(second.runtimeSettings.current.deployments[0].credentials, { api_key: 'sk-c' });
    assert.deepEqual(second.runtimeSettings.loadBalanceGroup('chat')?.models[0].credentials, { api_key: 'sk-m' });
    assert.deepEqual(second.customModelChanges, [[{ modelName: 'fast', baseModelName: 'gpt-4o-mini' }, { modelName: 'quick', baseModelName: 'gpt-4o' }]]);
    assert.deepEqual((await call(second.app, 'GET', '/api/settings/')).body, (await call(first.app, 'GET', '/api/settings/')).body);
    // reload() applies but does not announce: announcing would echo between replicas forever.
    assert.deepEqual(second.changes, []);

    // Reloading again with nothing new does not rebuild the catalog.
    await second.store.reload();
    assert.equal(second.customModelChanges.length, 1);
  });

  it('a change on a replica that missed an announcement builds on the stored state instead of overwriting it', async () => {
    const repository = new MemorySettingsRepository();
    const first = await startHarness({ repository });
    const second = await startHarness({ repository });
    await call(first.app, 'POST', '/api/deployments/', { name: 'a', provider: 'openai', api_key: 'sk-a' });
    await call(second.app, 'POST', '/api/deployments/', { name: 'b', provider: 'openai', api_key: 'sk-b' });
    await call(first.app, 'PATCH', '/api/settings/', { retries: { num_retries: 1 } });
    await call(second.app, 'PATCH', '/api/settings/', { cache: { default_ttl: 5 } });
    const listed = await call(second.app, 'GET', '/api/deployments/');
    assert.deepEqual(listed.body.results.map((deployment: { name: string }) => deployment.name), ['a', 'b']);
    assert.deepEqual((await call(second.app, 'GET', '/api/settings/')).body.api_overrides, ['retries.num_retries', 'cache.default_ttl']);
  });

  it('serializes concurrent changes within one process', async () => {
    const { app, store } = await startHarness();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_unused, index) => call(app, 'POST', '/api/deployments/', { name: `d${index}`, provider: 'openai', api_key: `sk-${index}` })),
    );
    assert.ok(responses.every((response) => response.status === 201));
    assert.equal(store.settings().deployments.length, 10);
  });
});
