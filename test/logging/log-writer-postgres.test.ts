import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import postgres from 'postgres';
import type { LogRecord } from '../../src/logging/log-record.ts';
import { LogWriter } from '../../src/logging/log-writer.ts';
import { GatewayMetrics } from '../../src/metrics/gateway-metrics.ts';
import { postgresUrl, PostgresTestSchemas } from '../storage/postgres-test-database.ts';
import { sampleLogRecord } from '../storage/sample-log-record.ts';
import { metricValue } from './recording-log-repository.ts';

const schemas = new PostgresTestSchemas();
after(() => schemas.dropAll());

describe('LogWriter on Postgres', () => {
  it('loses no row when its connections are killed mid-write (pg_terminate_backend)', async (t) => {
    const applicationName = `sb_writer_${randomBytes(4).toString('hex')}`;
    const database = await schemas.open({ applicationName });
    const killer = postgres(postgresUrl, { onnotice: () => {}, max: 1 });
    t.after(async () => {
      await database.close();
      await killer.end({ timeout: 5 });
    });
    const killConnections = () => killer.unsafe(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
      [applicationName],
    );

    // Every fourth batch, the writer's connections are terminated while its insert is on the wire.
    let batches = 0;
    const repository = {
      async insertMany(records: readonly LogRecord[]) {
        batches += 1;
        const write = database.logs.insertMany(records);
        // The kill may fail this insert while the kill query is still awaited: handle the
        // rejection at once (the writer sees it through `await write` below and retries).
        write.catch(() => {});
        if (batches % 4 === 2) await killConnections();
        await write;
      },
    };
    const metrics = new GatewayMetrics({ collectProcessMetrics: false });
    const writer = new LogWriter({ repository, metrics, warn: () => {}, batchSize: 250, maxBatchSize: 250, flushIntervalMs: 5, retryBaseMs: 5, retryMaxMs: 50 });

    const total = 10_000;
    for (let sent = 0; sent < total; sent += 500) {
      for (let index = 0; index < 500; index++) writer.enqueue(sampleLogRecord({ customer_identifier: `customer-${index % 10}` }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writer.flush();

    // The count itself may land on pooled connections the kill left dead (up to the pool's size):
    // that is the test's own query failing, not the writer, so it is asked again until it gets a live one.
    const count = async (): Promise<number> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return (await database.logs.summarize({ filters: [] })).number_of_requests;
        } catch (error) {
          if (attempt >= 20) throw error;
        }
      }
    };
    assert.equal(await count(), total);
    assert.equal(await metricValue(metrics.logRowsWritten), total);
    assert.equal(await metricValue(metrics.logRowsDropped), 0);
    assert.ok(batches >= total / 250, 'every batch was attempted');
    t.diagnostic(`batches attempted: ${batches}, failed writes retried: ${await metricValue(metrics.logWriteFailures)}`);
  });
});
