import { Worker } from 'node:worker_threads';

export interface CodeEvaluationResult {
  value?: unknown;
  error?: string;
}

/**
 * Evaluates a code evaluator's JavaScript expression over a log, in a worker thread of its own
 * with a 64 MB heap, a vm timeout, and a hard terminate() after `timeoutMilliseconds` plus a
 * grace period (≤ 5 s in all), so a runaway evaluation can neither block the gateway's event loop
 * nor exhaust its memory. One worker per evaluation: slower than a pool, but no state survives
 * from one evaluator's code to the next.
 */
export function runCodeEvaluation(options: {
  code: string;
  input: unknown;
  output: unknown;
  metadata: unknown;
  timeoutMilliseconds?: number;
}): Promise<CodeEvaluationResult> {
  const timeoutMilliseconds = Math.min(options.timeoutMilliseconds ?? 2_000, 4_000);
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(new URL('./code-evaluation-worker.ts', import.meta.url), {
      workerData: { code: options.code, input: options.input, output: options.output, metadata: options.metadata, timeoutMilliseconds },
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    const settle = (result: CodeEvaluationResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(hardStop);
      resolve(result);
      void worker.terminate();
    };
    const hardStop = setTimeout(() => settle({ error: `Evaluation exceeded ${timeoutMilliseconds} ms` }), timeoutMilliseconds + 1_000);
    worker.on('message', (message: CodeEvaluationResult) => {
      if (message.error !== undefined) settle({ error: /timed out/i.test(message.error) ? `Evaluation exceeded ${timeoutMilliseconds} ms` : message.error });
      else settle({ value: message.value });
    });
    worker.on('error', (error) => settle({ error: error.message }));
    worker.on('exit', (code) => settle({ error: `Evaluation stopped (worker exit code ${code})` }));
  });
}
