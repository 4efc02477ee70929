import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RetentionSweeper } from '../../src/logging/retention-sweeper.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { sampleLogRecord } from '../storage/sample-log-record.ts';

const now = Date.parse('2026-03-31T00:00:00.000Z');
const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();

describe('RetentionSweeper', () => {
  it('deletes every log older than log_retention_days, in batches', async (t) => {
    const database = await openDatabase('sqlite::memory:');
    t.after(() => database.close());
    const old = Array.from({ length: 11 }, (_, index) => sampleLogRecord({ timestamp: daysAgo(31 + index) }));
    const kept = [sampleLogRecord({ timestamp: daysAgo(29) }), sampleLogRecord({ timestamp: daysAgo(0) })];
    await database.logs.insertMany([...old, ...kept]);
    const batchSizes: number[] = [];
    const logs = {
      deleteOlderThan: async (before: string, batchSize: number) => {
        const deleted = await database.logs.deleteOlderThan(before, batchSize);
        batchSizes.push(deleted);
        return deleted;
      },
    };
    const sweeper = new RetentionSweeper({ logs, retentionDays: () => 30, warn: () => {}, batchSize: 4, now: () => now });
    assert.equal(await sweeper.sweepOnce(), 11);
    assert.deepEqual(batchSizes, [4, 4, 3]);
    const remaining = await database.logs.list({ filters: [], sortBy: 'timestamp', page: 1, pageSize: 100 });
    assert.deepEqual(remaining.results.map((record) => record.unique_id), kept.map((record) => record.unique_id));
  });

  it('keeps everything when no retention is set, and reads the setting at every sweep', async () => {
    let days: number | undefined;
    let calls = 0;
    const logs = { deleteOlderThan: async () => (calls++, 0) };
    const sweeper = new RetentionSweeper({ logs, retentionDays: async () => days, warn: () => {} });
    assert.equal(await sweeper.sweepOnce(), 0);
    assert.equal(calls, 0);
    days = 7;
    await sweeper.sweepOnce();
    assert.equal(calls, 1);
  });

  it('start() sweeps at once and reports failures through warn', async () => {
    const warnings: string[] = [];
    let failed!: () => void;
    const reported = new Promise<void>((resolve) => { failed = resolve; });
    const logs = { deleteOlderThan: async (): Promise<number> => { throw new Error('database is locked'); } };
    const sweeper = new RetentionSweeper({ logs, retentionDays: () => 1, warn: (message) => { warnings.push(message); failed(); } });
    sweeper.start();
    await reported;
    await sweeper.stop();
    assert.deepEqual(warnings, ['log retention sweep failed: database is locked']);
  });
});
