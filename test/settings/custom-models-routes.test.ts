import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, startHarness, testConfig } from './settings-test-harness.ts';

const withConfigAlias = testConfig({ models: [{ modelName: 'fast', baseModelName: 'gpt-4o-mini' }] });

describe('/api/models/', () => {
  it('lists config models as read-only with every field present', async () => {
    const { app, customModelChanges } = await startHarness({ config: withConfigAlias });
    const { body } = await call(app, 'GET', '/api/models/');
    assert.deepEqual(body.results, [{
      model_name: 'fast', base_model_name: 'gpt-4o-mini', provider: null, upstream_model: null,
      input_cost: null, output_cost: null, context_window: null, source: 'config',
    }]);
    // Nothing changed since start-up: the catalog built from the config needs no rebuild.
    assert.deepEqual(customModelChanges, []);
    const refused = await call(app, 'PATCH', '/api/models/fast/', { base_model_name: 'gpt-4o' });
    assert.equal(refused.status, 400);
    assert.match(refused.body.detail, /config file/);
  });

  it('hands the effective list (config and API) to onCustomModelsChange on every change', async () => {
    const { app, customModelChanges, changes } = await startHarness({ config: withConfigAlias });
    const created = await call(app, 'POST', '/api/models/', { model_name: 'my-llama', provider: 'ollama', input_cost: 0, output_cost: 0, context_window: 8192 });
    assert.equal(created.status, 201);
    assert.equal(created.body.source, 'api');
    assert.deepEqual(customModelChanges.at(-1), [
      { modelName: 'fast', baseModelName: 'gpt-4o-mini' },
      { modelName: 'my-llama', provider: 'ollama', inputCost: 0, outputCost: 0, contextWindow: 8192 },
    ]);

    await call(app, 'PATCH', '/api/models/my-llama/', { upstream_model: 'llama3.1:8b', context_window: null });
    assert.deepEqual(customModelChanges.at(-1)?.[1], { modelName: 'my-llama', provider: 'ollama', upstreamModel: 'llama3.1:8b', inputCost: 0, outputCost: 0 });

    await call(app, 'DELETE', '/api/models/my-llama/');
    assert.deepEqual(customModelChanges.at(-1), [{ modelName: 'fast', baseModelName: 'gpt-4o-mini' }]);
    assert.equal(customModelChanges.length, 3);
    assert.deepEqual(changes, ['models', 'models', 'models']);
  });

  it('addresses names with a slash when percent-encoded', async () => {
    const { app } = await startHarness();
    await call(app, 'POST', '/api/models/', { model_name: 'team/fast', base_model_name: 'gpt-4o-mini' });
    const found = await call(app, 'GET', `/api/models/${encodeURIComponent('team/fast')}/`);
    assert.equal(found.status, 200);
    assert.equal(found.body.model_name, 'team/fast');
  });

  it('requires an alias target or a known provider, and a target the catalog knows', async () => {
    const { app, customModelChanges } = await startHarness({ isKnownModel: (model) => model === 'gpt-4o-mini' });
    const neither = await call(app, 'POST', '/api/models/', { model_name: 'orphan', input_cost: 1 });
    assert.equal(neither.status, 400);
    assert.ok(neither.body.errors.base_model_name);

    const unknownProvider = await call(app, 'POST', '/api/models/', { model_name: 'm', provider: 'nope' });
    assert.deepEqual(Object.keys(unknownProvider.body.errors), ['provider']);

    const unknownTarget = await call(app, 'POST', '/api/models/', { model_name: 'quick', base_model_name: 'gpt-4o-mni' });
    assert.equal(unknownTarget.status, 400);
    assert.ok(unknownTarget.body.errors.base_model_name);

    const badTypes = await call(app, 'POST', '/api/models/', { model_name: 'm', provider: 'openai', input_cost: -1, context_window: 1.5 });
    assert.deepEqual(Object.keys(badTypes.body.errors).sort(), ['context_window', 'input_cost']);
    assert.deepEqual(customModelChanges, []);

    const alias = await call(app, 'POST', '/api/models/', { model_name: 'quick', base_model_name: 'gpt-4o-mini', provider: 'azure_openai' });
    assert.equal(alias.status, 201);
    assert.equal(alias.body.provider, 'azure');
  });

  it('refuses to clear the last of base_model_name and provider', async () => {
    const { app } = await startHarness();
    await call(app, 'POST', '/api/models/', { model_name: 'quick', base_model_name: 'gpt-4o-mini' });
    const cleared = await call(app, 'PATCH', '/api/models/quick/', { base_model_name: null });
    assert.equal(cleared.status, 400);
    const renamed = await call(app, 'PATCH', '/api/models/quick/', { model_name: 'quicker' });
    assert.equal(renamed.status, 400);
    assert.ok(renamed.body.errors.model_name);
  });
});
