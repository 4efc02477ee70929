import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * Runs one code evaluator's expression (run-code-evaluation.ts starts this thread). The expression
 * sees only frozen copies of `input`, `output` and `metadata`: the vm context has no `require`,
 * `process` or module loader, and the values are plain JSON, so no host object leaks in. The vm
 * timeout stops synchronous loops; the parent's terminate() and the heap limit cover the rest.
 */
interface CodeEvaluationRequest {
  code: string;
  input: unknown;
  output: unknown;
  metadata: unknown;
  timeoutMilliseconds: number;
}

const request = workerData as CodeEvaluationRequest;

function deepFreeze(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

try {
  // The values are rebuilt inside the context (from JSON text) so their prototypes are the
  // context's own, not this thread's: a `constructor.constructor` walk cannot reach our globals.
  const context = { __values: JSON.stringify({ input: request.input ?? null, output: request.output ?? null, metadata: request.metadata ?? null }) };
  const script = `(() => {
    const __parsed = JSON.parse(__values);
    const __freeze = ${deepFreeze.toString()};
    const input = __freeze(__parsed.input), output = __freeze(__parsed.output), metadata = __freeze(__parsed.metadata);
    return JSON.stringify({ value: (${request.code}\n) });
  })()`;
  const text = runInNewContext(script, context, { timeout: request.timeoutMilliseconds, contextCodeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' }) as unknown;
  const parsed = typeof text === 'string' ? (JSON.parse(text) as { value?: unknown }) : {};
  parentPort?.postMessage({ value: parsed.value ?? null });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
