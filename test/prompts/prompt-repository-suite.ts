import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Database } from '../../src/storage/database.ts';

const content = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi {{name}}' }], variables: { name: 'you' }, parameters: { temperature: 0.3 }, description: null };

/** The prompt repository's behaviour, run against each store. */
export function promptRepositorySuite(open: () => Promise<Database>): void {
  async function withDatabase(test: (database: Database) => Promise<void>): Promise<void> {
    const database = await open();
    try {
      await database.migrate();
      await test(database);
    } finally {
      await database.close();
    }
  }

  const promptRow = (id: string) => ({
    prompt_id: id, name: `Prompt ${id}`, description: null, deployed_version: null, version_count: 0,
    created_at: '2026-03-01T12:00:00.000Z', updated_at: '2026-03-01T12:00:00.000Z',
  });

  it('creates, lists, updates and deletes prompts', () => withDatabase(async (database) => {
    await database.prompts.insert(promptRow('p1'));
    await database.prompts.insert(promptRow('p2'));
    assert.deepEqual((await database.prompts.list()).map((row) => row.prompt_id), ['p1', 'p2']);
    const updated = await database.prompts.update('p1', { name: 'Renamed', description: 'why' });
    assert.equal(updated?.name, 'Renamed');
    assert.equal(updated?.description, 'why');
    assert.equal(await database.prompts.delete('p1'), true);
    assert.equal(await database.prompts.delete('p1'), false);
    assert.equal(await database.prompts.get('p1'), undefined);
  }));

  it('numbers versions in creation order, never reusing a number, and deploys one', () => withDatabase(async (database) => {
    await database.prompts.insert(promptRow('p'));
    const first = await database.prompts.insertVersion('p', content, '2026-03-01T12:00:01.000Z');
    const second = await database.prompts.insertVersion('p', { ...content, model: 'gpt-4o-mini' }, '2026-03-01T12:00:02.000Z');
    assert.equal(first?.version, 1);
    assert.equal(second?.version, 2);
    assert.deepEqual(first?.messages, content.messages);
    assert.deepEqual(first?.variables, { name: 'you' });
    assert.deepEqual(first?.parameters, { temperature: 0.3 });
    assert.equal(await database.prompts.insertVersion('missing', content, '2026-03-01T12:00:03.000Z'), undefined);

    assert.equal((await database.prompts.setDeployedVersion('p', 1, '2026-03-01T12:00:04.000Z'))?.deployed_version, 1);
    assert.equal((await database.prompts.getLatestVersion('p'))?.version, 2);
    const changed = await database.prompts.updateVersion('p', 2, { parameters: { top_p: 0.5 }, model: null }, '2026-03-01T12:00:05.000Z');
    assert.deepEqual(changed?.parameters, { top_p: 0.5 });
    assert.equal(changed?.model, null);

    assert.equal(await database.prompts.deleteVersion('p', 1), true);
    assert.equal((await database.prompts.get('p'))?.deployed_version, null, 'deleting the deployed version undeploys');
    const third = await database.prompts.insertVersion('p', content, '2026-03-01T12:00:06.000Z');
    assert.equal(third?.version, 3);
    assert.deepEqual((await database.prompts.listVersions('p')).map((row) => row.version), [2, 3]);

    await database.prompts.delete('p');
    assert.deepEqual(await database.prompts.listVersions('p'), []);
  }));

  it('stores span and prompt fields on logs and leaves them out when absent', () => withDatabase(async (database) => {
    const { sampleLogRecord } = await import('../storage/sample-log-record.ts');
    const plain = sampleLogRecord();
    const span = sampleLogRecord({ span_unique_id: 's1', span_parent_id: 's0', span_name: 'tool call', prompt_id: 'p', prompt_version_number: 2 });
    await database.logs.insertMany([plain, span]);
    assert.deepEqual(await database.logs.get(plain.unique_id), plain);
    assert.deepEqual(await database.logs.get(span.unique_id), span);
    const filtered = await database.logs.list({ filters: [{ field: 'prompt_id', operator: '', value: ['p'] }], sortBy: '-timestamp', page: 1, pageSize: 10 });
    assert.deepEqual(filtered.results.map((row) => row.unique_id), [span.unique_id]);
  }));
}
