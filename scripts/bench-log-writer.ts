/**
 * Sustained write rate of the log writer into SQLite and Postgres: rows are enqueued as fast as
 * the event loop allows (in chunks, yielding between them, as request handlers would), and the
 * clock stops when the last one is committed. Building the rows is part of the measured time, as
 * building them is part of serving requests. Rows look like real chat logs (~1 KB with messages,
 * metadata and attempts).
 *
 *   node scripts/bench-log-writer.ts [rows=200000] [postgres-url]
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { LogRecord } from '../src/logging/log-record.ts';
import { LogWriter } from '../src/logging/log-writer.ts';
import { GatewayMetrics } from '../src/metrics/gateway-metrics.ts';
import type { Database } from '../src/storage/database.ts';
import { openDatabase } from '../src/storage/open-database.ts';

const rows = Number(process.argv[2] ?? 200_000);
const postgresUrl = process.argv[3] ?? process.env.DATABASE_URL_BENCH ?? 'postgres://postgres@127.0.0.1:5432/test';
const chunk = 2_000;

function chatLog(index: number): LogRecord {
  const now = new Date(Date.UTC(2026, 2, 1) + index).toISOString();
  return {
    unique_id: randomUUID(), timestamp: now, trace_unique_id: randomUUID(), api_key: 'team-a-prod', model: 'gpt-4o-mini',
    provider_id: 'openai', deployment_name: null, status: 'success', status_code: 200, error_message: null, stream: index % 2 === 0,
    cache_hit: false, latency: 0.42, time_to_first_token: 0.12, prompt_tokens: 120, completion_tokens: 48, total_tokens: 168,
    cached_tokens: 0, cache_creation_tokens: 0, reasoning_tokens: 0, cost: 0.0000468, cost_estimated: false,
    customer_identifier: `customer-${index % 100}`, customer_name: null, customer_email: null, thread_identifier: `thread-${index % 2000}`,
    custom_identifier: null, metadata: { env: 'prod', feature: 'chat', request_index: index }, fallback: 1, log_type: 'chat',
    prompt_messages: [
      { role: 'system', content: 'You are a helpful assistant who answers briefly and precisely.' },
      { role: 'user', content: `Question ${index}: what is the capital of France, and why has it been the capital for so long? Please answer in two sentences.` },
    ],
    completion_message: { role: 'assistant', content: 'Paris. It has been the political, economic and cultural centre of France since the Capetian kings made it their seat in the Middle Ages.' },
    attempts: [{ model: 'gpt-4o-mini', provider_id: 'openai', deployment_name: null, status: 'success', status_code: 200, error_message: null, latency: 0.4, start_time: now }],
  };
}

async function measure(label: string, database: Database): Promise<void> {
  const metrics = new GatewayMetrics({ collectProcessMetrics: false });
  const writer = new LogWriter({ repository: database.logs, metrics, warn: (message) => console.warn(message), maxQueue: rows });
  let maxQueued = 0;
  const started = performance.now();
  for (let sent = 0; sent < rows; sent += chunk) {
    for (let index = sent; index < Math.min(rows, sent + chunk); index++) writer.enqueue(chatLog(index));
    maxQueued = Math.max(maxQueued, writer.queued);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await writer.flush();
  const seconds = (performance.now() - started) / 1000;
  const stored = (await database.logs.summarize({ filters: [] })).number_of_requests;
  console.log(`${label}: ${rows} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s (stored ${stored}, peak queue ${maxQueued}, failed batches ${writer.health().failedBatches})`);
}

const directory = await mkdtemp(join(tmpdir(), 'bench-log-writer-'));
try {
  const sqlite = await openDatabase(`sqlite:${join(directory, 'bench.db')}`);
  await measure('sqlite  ', sqlite);
  await sqlite.close();
} finally {
  await rm(directory, { recursive: true, force: true });
}

const schema = `sb_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const postgresDatabase = await openDatabase(postgresUrl, { schema });
try {
  await measure('postgres', postgresDatabase);
} finally {
  await postgresDatabase.close();
  const sql = postgres(postgresUrl, { onnotice: () => {}, max: 1 });
  await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await sql.end();
}
