import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteConnection } from './sqlite-connection.ts';
import { SqliteLogRepository, type EncodedLogBatch } from './sqlite-log-repository.ts';
import { SqliteStatements } from './sqlite-statements.ts';

/**
 * The thread that writes log batches (and deletes expired logs) into the SQLite file, on a
 * connection of its own, so neither the inserts nor the checkpoints' fsyncs pause the event loop
 * that serves requests. Requests are handled one at a time, in order.
 */
export type WriteRequest =
  | { id: number; kind: 'insert'; batch: EncodedLogBatch }
  | { id: number; kind: 'delete'; before: string; batchSize: number };

export type WriteReply =
  | { id: number; result: number | null }
  | { id: number; error: { message: string; code?: unknown; errcode?: unknown } };

const port = parentPort;
if (port === null) throw new Error('sqlite-write-worker.ts runs as a worker thread');

// Checkpoints (the only fsyncs under synchronous=NORMAL) happen here, off the main thread, so
// they may be rarer and larger: every ~40 MB of WAL.
const connection = openSqliteConnection((workerData as { path: string }).path, { walAutocheckpointPages: 10_000 });
const logs = new SqliteLogRepository(new SqliteStatements(connection));

port.on('message', async (request: WriteRequest) => {
  let reply: WriteReply;
  try {
    const result = request.kind === 'insert'
      ? (logs.insertEncoded(request.batch), null)
      : await logs.deleteOlderThan(request.before, request.batchSize);
    reply = { id: request.id, result };
  } catch (error) {
    const { message, code, errcode } = error as { message?: string; code?: unknown; errcode?: unknown };
    reply = { id: request.id, error: { message: message ?? String(error), code, errcode } };
  }
  port.postMessage(reply);
});
