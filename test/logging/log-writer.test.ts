import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogWriter, type LogWriterOptions } from '../../src/logging/log-writer.ts';
import { GatewayMetrics } from '../../src/metrics/gateway-metrics.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { sampleLogRecord } from '../storage/sample-log-record.ts';
import { metricValue, RecordingLogRepository } from './recording-log-repository.ts';

function writerWith(repository: LogWriterOptions['repository'], options: Partial<LogWriterOptions> = {}) {
  const metrics = new GatewayMetrics({ collectProcessMetrics: false });
  const warnings: string[] = [];
  const writer = new LogWriter({
    repository, metrics, warn: (message) => warnings.push(message),
    // Long enough that only size or flush() triggers a write unless a test asks for the timer.
    flushIntervalMs: 60_000, retryBaseMs: 1, retryMaxMs: 2, ...options,
  });
  return { writer, metrics, warnings };
}

describe('LogWriter', () => {
  it('writes every enqueued row on flush and counts them', async () => {
    const repository = new RecordingLogRepository();
    const { writer, metrics } = writerWith(repository, { maxBatchSize: 1000 });
    const records = Array.from({ length: 2500 }, () => sampleLogRecord());
    for (const record of records) writer.enqueue(record);
    await writer.flush();
    assert.equal(repository.stored.size, 2500);
    assert.deepEqual(repository.batches.map((batch) => batch.length), [1000, 1000, 500]);
    assert.equal(await metricValue(metrics.logRowsWritten), 2500);
    assert.equal(await metricValue(metrics.logQueueDepth), 0);
    assert.equal(writer.health().queued, 0);
  });

  it('takes up to maxBatchSize rows in one transaction when a backlog waits', async () => {
    const repository = new RecordingLogRepository();
    const { writer } = writerWith(repository, { batchSize: 10, maxBatchSize: 40 });
    for (let index = 0; index < 100; index++) writer.enqueue(sampleLogRecord());
    await writer.flush();
    assert.deepEqual(repository.batches.map((batch) => batch.length), [40, 40, 20]);
  });

  it('starts a batch as soon as it is full, without waiting for the timer', async () => {
    const repository = new RecordingLogRepository();
    const { writer } = writerWith(repository, { batchSize: 10 });
    const written = repository.nextCall();
    for (let index = 0; index < 10; index++) writer.enqueue(sampleLogRecord());
    assert.equal(repository.calls, 0, 'enqueue itself never writes');
    await written;
    assert.deepEqual(repository.batches.map((batch) => batch.length), [10]);
  });

  it('writes a partial batch when the interval passes', async () => {
    const repository = new RecordingLogRepository();
    const { writer } = writerWith(repository, { flushIntervalMs: 1 });
    const written = repository.nextCall();
    writer.enqueue(sampleLogRecord());
    await written;
    assert.equal(repository.stored.size, 1);
  });

  it('keeps at most one batch in flight', async () => {
    const repository = new RecordingLogRepository();
    const { writer } = writerWith(repository, { batchSize: 5 });
    repository.closeGate();
    for (let index = 0; index < 23; index++) writer.enqueue(sampleLogRecord());
    const flushed = writer.flush();
    await new Promise((resolve) => setImmediate(resolve));
    repository.openGate();
    await flushed;
    assert.equal(repository.maxInFlight, 1);
    assert.equal(repository.stored.size, 23);
  });

  it('retries a failed batch until the database is back, losing nothing', async () => {
    const repository = new RecordingLogRepository();
    repository.failures.push(new Error('connect ECONNREFUSED 127.0.0.1:5432'), Object.assign(new Error('terminating connection'), { code: '57P01' }));
    const { writer, metrics, warnings } = writerWith(repository, { batchSize: 100 });
    const records = Array.from({ length: 250 }, () => sampleLogRecord());
    for (const record of records) writer.enqueue(record);
    await writer.flush();
    assert.equal(repository.stored.size, 250);
    assert.equal(await metricValue(metrics.logWriteFailures), 2);
    assert.equal(await metricValue(metrics.logRowsDropped), 0);
    const health = writer.health();
    assert.equal(health.failedBatches, 2);
    assert.equal(health.lastError, 'terminating connection');
    assert.match(health.lastErrorAt ?? '', /Z$/);
    assert.equal(warnings.length, 2, 'one line when writes start failing, one when they recover');
  });

  it('isolates and drops only a row the database refuses', async () => {
    const repository = new RecordingLogRepository();
    const { writer, metrics, warnings } = writerWith(repository, { batchSize: 8 });
    const records = Array.from({ length: 8 }, () => sampleLogRecord());
    repository.refusedIds.add(records[5].unique_id);
    for (const record of records) writer.enqueue(record);
    await writer.flush();
    assert.equal(repository.stored.size, 7);
    assert.equal(repository.stored.has(records[5].unique_id), false);
    assert.equal(await metricValue(metrics.logRowsDropped), 1);
    assert.ok(warnings.some((line) => line.includes(records[5].unique_id)));
  });

  it('drops rows beyond the queue bound, counts them and warns once', async () => {
    const repository = new RecordingLogRepository();
    repository.closeGate();
    const { writer, metrics, warnings } = writerWith(repository, { maxQueue: 5, batchSize: 100 });
    for (let index = 0; index < 8; index++) writer.enqueue(sampleLogRecord());
    assert.equal(writer.health().queued, 5);
    assert.equal(writer.health().dropped, 3);
    assert.equal(await metricValue(metrics.logRowsDropped), 3);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /queue is full/);
    repository.openGate();
    await writer.flush();
    assert.equal(repository.stored.size, 5);
  });

  it('serves a queued record by id until it is written (read-through)', async () => {
    const repository = new RecordingLogRepository();
    const { writer } = writerWith(repository);
    const record = sampleLogRecord();
    writer.enqueue(record);
    assert.equal(writer.pending(record.unique_id), record);
    assert.equal(writer.pending('other'), undefined);
    await writer.flush();
    assert.equal(writer.pending(record.unique_id), undefined);
    assert.equal(repository.stored.get(record.unique_id), record);
  });

  it('stops after close: later rows are dropped and counted', async () => {
    const repository = new RecordingLogRepository();
    const { writer, metrics } = writerWith(repository);
    writer.enqueue(sampleLogRecord());
    await writer.close();
    writer.enqueue(sampleLogRecord());
    assert.equal(repository.stored.size, 1);
    assert.equal(await metricValue(metrics.logRowsDropped), 1);
  });

  it('flush with a timeout returns while the database stays down, rows kept', async () => {
    const repository = new RecordingLogRepository();
    for (let index = 0; index < 1000; index++) repository.failures.push(new Error('down'));
    const { writer } = writerWith(repository, { retryBaseMs: 5, retryMaxMs: 5 });
    writer.enqueue(sampleLogRecord());
    await writer.flush({ timeoutMs: 30 });
    assert.equal(writer.health().queued, 1);
    repository.failures.length = 0;
    await writer.flush();
    assert.equal(repository.stored.size, 1);
  });

  it('writes into SQLite end to end', async (t) => {
    const database = await openDatabase('sqlite::memory:');
    t.after(() => database.close());
    const { writer } = writerWith(database.logs, { batchSize: 500 });
    const records = Array.from({ length: 3000 }, (_, index) => sampleLogRecord({ customer_identifier: `customer-${index % 7}` }));
    for (const record of records) writer.enqueue(record);
    await writer.flush();
    assert.equal((await database.logs.summarize({ filters: [] })).number_of_requests, 3000);
    assert.equal((await database.customers.list({ filters: [], sortBy: 'customer_identifier', page: 1, pageSize: 10 })).count, 7);
  });
});
