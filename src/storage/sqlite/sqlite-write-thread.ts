import { Worker } from 'node:worker_threads';
import type { LogRecord } from '../../logging/log-record.ts';
import { encodeLogBatch } from './sqlite-log-repository.ts';
import type { WriteReply, WriteRequest } from './sqlite-write-worker.ts';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/**
 * The main thread's handle on sqlite-write-worker.ts. A worker that dies (it should not) fails the
 * calls in flight, which the log writer retries, and is started again on the next call.
 */
export class SqliteWriteThread {
  readonly #path: string;
  readonly #pending = new Map<number, { resolve: (value: number | null) => void; reject: (error: Error) => void }>();
  #worker: Worker | undefined;
  #nextId = 1;
  #closed = false;

  constructor(path: string) {
    this.#path = path;
  }

  async insertMany(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.#call({ kind: 'insert', batch: encodeLogBatch(records) });
  }

  async deleteOlderThan(before: string, batchSize: number): Promise<number> {
    return Number(await this.#call({ kind: 'delete', before, batchSize }));
  }

  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker !== undefined) await worker.terminate();
  }

  #call(request: DistributiveOmit<WriteRequest, 'id'>): Promise<number | null> {
    if (this.#closed) return Promise.reject(new Error('The SQLite database is closed'));
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // Only calls in flight keep the process alive: an idle writer never blocks exit.
      if (this.#pending.size === 1) worker.ref();
      worker.postMessage({ ...request, id } as WriteRequest);
    });
  }

  #ensureWorker(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    const worker = new Worker(new URL('./sqlite-write-worker.ts', import.meta.url), { workerData: { path: this.#path } });
    worker.unref();
    worker.on('message', (reply: WriteReply) => this.#settle(reply, worker));
    worker.on('error', (error) => this.#failAll(error, worker));
    worker.on('exit', (code) => this.#failAll(new Error(`The SQLite write thread exited (code ${code})`), worker));
    this.#worker = worker;
    return worker;
  }

  #settle(reply: WriteReply, worker: Worker): void {
    const call = this.#pending.get(reply.id);
    if (call === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) worker.unref();
    if ('error' in reply) call.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code, errcode: reply.error.errcode }));
    else call.resolve(reply.result);
  }

  #failAll(error: Error, worker: Worker): void {
    if (this.#worker === worker) this.#worker = undefined;
    const calls = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of calls) call.reject(error);
  }
}
