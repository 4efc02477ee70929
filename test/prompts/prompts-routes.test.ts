import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { promptsRoutes } from '../../src/http/routes/admin/prompts-routes.ts';
import { applyPromptToChatRequest } from '../../src/prompts/apply-prompt.ts';
import { PromptService } from '../../src/prompts/prompt-service.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import type { DatabaseWithTraces } from '../../src/storage/database-with-traces.ts';
import { managementTestApp } from '../logging/management-test-app.ts';

describe('/api/prompts/', () => {
  let database: DatabaseWithTraces;
  let service: PromptService;
  let app: FastifyInstance;
  let changes = 0;

  before(async () => {
    database = await openDatabase('sqlite::memory:');
    await database.migrate();
    service = new PromptService({ repository: database.prompts, onChange: () => changes++ });
    app = await managementTestApp(promptsRoutes({ prompts: service }));
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => app.inject({ method, url: `/api${url}`, payload: payload as object });

  it('creates a prompt and manages its versions and deployment', async () => {
    const created = await call('POST', '/prompts/', { name: 'Greeting' });
    assert.equal(created.statusCode, 201);
    const promptId = created.json().prompt_id;
    assert.match(promptId, /^[0-9a-f]{32}$/);
    assert.equal((await call('GET', '/prompts/')).json().count, 1);
    assert.equal((await call('PATCH', `/prompts/${promptId}/`, { description: 'Says hi' })).json().description, 'Says hi');

    const first = await call('POST', `/prompts/${promptId}/versions/`, {
      model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi {{name}}' }], temperature: 0.2, variables: { name: 'you' },
    });
    assert.equal(first.statusCode, 201);
    assert.equal(first.json().version, 1);
    assert.equal(first.json().temperature, 0.2);
    assert.equal(first.json().deployed, false);
    const second = await call('POST', `/prompts/${promptId}/versions/`, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Yo {{name}}' }], deploy: true });
    assert.equal(second.json().version, 2);
    assert.equal(second.json().deployed, true);
    assert.equal((await call('GET', `/prompts/${promptId}/`)).json().deployed_version, 2);

    // Deploying version 1 takes the deployment from version 2; only one is live.
    const redeployed = await call('PATCH', `/prompts/${promptId}/versions/1/`, { deploy: true, max_tokens: 20 });
    assert.equal(redeployed.json().deployed, true);
    assert.equal(redeployed.json().max_tokens, 20);
    const versions = (await call('GET', `/prompts/${promptId}/versions/`)).json();
    assert.deepEqual(versions.results.map((version: { version: number; deployed: boolean }) => [version.version, version.deployed]), [[1, true], [2, false]]);

    const applied = await applyPromptToChatRequest({ prompt: { prompt_id: promptId, variables: { name: 'Ada' } }, request: {}, resolver: service });
    assert.equal(applied.version, 1);
    assert.equal(applied.request.max_tokens, 20);
    assert.equal(applied.request.messages[0].content, 'Hi Ada');

    assert.equal((await call('DELETE', `/prompts/${promptId}/versions/1/`)).statusCode, 204);
    assert.equal((await call('GET', `/prompts/${promptId}/versions/1/`)).statusCode, 404);
    // The cache was cleared by the change: with nothing deployed the latest version serves.
    const after = await applyPromptToChatRequest({ prompt: { prompt_id: promptId, variables: { name: 'Ada' } }, request: {}, resolver: service });
    assert.equal(after.version, 2);
    assert.ok(changes >= 5);

    assert.equal((await call('DELETE', `/prompts/${promptId}/`)).statusCode, 204);
    assert.equal((await call('GET', `/prompts/${promptId}/`)).statusCode, 404);
  });

  it('answers 400 naming the field and 404 for unknown prompts', async () => {
    const missingName = await call('POST', '/prompts/', {});
    assert.equal(missingName.statusCode, 400);
    assert.ok('name' in missingName.json().errors);
    const promptId = (await call('POST', '/prompts/', { name: 'Other' })).json().prompt_id;
    const badVersion = await call('POST', `/prompts/${promptId}/versions/`, { messages: [{ role: 'user', content: 'x' }], temprature: 1 });
    assert.equal(badVersion.statusCode, 400);
    assert.match(JSON.stringify(badVersion.json()), /temprature/);
    assert.equal((await call('GET', '/prompts/nope/versions/')).statusCode, 404);
    assert.equal((await call('POST', '/prompts/nope/versions/', { messages: [{ role: 'user', content: 'x' }] })).statusCode, 404);
  });
});
