import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, startHarness, testConfig } from './settings-test-harness.ts';

describe('/api/load-balance-groups/', () => {
  it('creates a group the router can use at once, member keys sealed and write-only', async () => {
    const { app, repository, runtimeSettings } = await startHarness();
    const created = await call(app, 'POST', '/api/load-balance-groups/', {
      group_id: 'chat',
      models: [{ model: 'gpt-4o', weight: 3, credentials: { api_key: 'sk-member-secret' } }, { model: 'claude-sonnet-4-20250514' }],
    });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body, {
      group_id: 'chat',
      models: [
        { model: 'gpt-4o', weight: 3, credentials: { settings: {}, secrets_set: ['api_key'] } },
        { model: 'claude-sonnet-4-20250514', weight: 1, credentials: null },
      ],
      source: 'api',
    });
    assert.ok(!repository.dump().includes('sk-member-secret'));
    assert.deepEqual(runtimeSettings.loadBalanceGroup('chat'), {
      groupId: 'chat',
      models: [{ model: 'gpt-4o', weight: 3, credentials: { api_key: 'sk-member-secret' } }, { model: 'claude-sonnet-4-20250514', weight: 1 }],
    });
  });

  it('PATCH replaces members but keeps the write-only credentials of members not given new ones', async () => {
    const { app, runtimeSettings } = await startHarness();
    await call(app, 'POST', '/api/load-balance-groups/', {
      group_id: 'chat',
      models: [{ model: 'gpt-4o', credentials: { api_key: 'sk-first' } }, { model: 'gpt-4o', credentials: { api_key: 'sk-second' } }],
    });
    const reweighted = await call(app, 'PATCH', '/api/load-balance-groups/chat/', {
      models: [{ model: 'gpt-4o', weight: 1 }, { model: 'gpt-4o', weight: 4 }, { model: 'gemini-2.5-flash', weight: 2 }],
    });
    assert.equal(reweighted.status, 200);
    assert.deepEqual(runtimeSettings.loadBalanceGroup('chat')?.models, [
      { model: 'gpt-4o', weight: 1, credentials: { api_key: 'sk-first' } },
      { model: 'gpt-4o', weight: 4, credentials: { api_key: 'sk-second' } },
      { model: 'gemini-2.5-flash', weight: 2 },
    ]);
    await call(app, 'PATCH', '/api/load-balance-groups/chat/', { models: [{ model: 'gpt-4o', credentials: null }] });
    assert.deepEqual(runtimeSettings.loadBalanceGroup('chat')?.models, [{ model: 'gpt-4o', weight: 1 }]);
  });

  it('validates members and keeps config groups read-only', async () => {
    const config = testConfig({ loadBalanceGroups: [{ groupId: 'from-file', models: [{ model: 'gpt-4o', weight: 1 }] }] });
    const { app } = await startHarness({ config, isKnownModel: (model) => model !== 'gpt-5o' });
    const invalid = await call(app, 'POST', '/api/load-balance-groups/', { group_id: 'g', models: [{ model: 'gpt-4o', weight: -1 }, { model: '' }] });
    assert.equal(invalid.status, 400);
    assert.deepEqual(Object.keys(invalid.body.errors).sort(), ['models.0.weight', 'models.1.model']);
    const empty = await call(app, 'POST', '/api/load-balance-groups/', { group_id: 'g', models: [] });
    assert.ok(empty.body.errors.models);
    const unknownModel = await call(app, 'POST', '/api/load-balance-groups/', { group_id: 'g', models: [{ model: 'gpt-4o' }, { model: 'gpt-5o' }] });
    assert.deepEqual(Object.keys(unknownModel.body.errors), ['models.1.model']);

    const listed = await call(app, 'GET', '/api/load-balance-groups/');
    assert.equal(listed.body.count, 1);
    assert.equal(listed.body.results[0].source, 'config');
    assert.equal((await call(app, 'DELETE', '/api/load-balance-groups/from-file/')).status, 400);
    assert.equal((await call(app, 'GET', '/api/load-balance-groups/nope/')).status, 404);
  });
});
