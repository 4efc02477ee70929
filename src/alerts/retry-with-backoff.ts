import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs `task` once, then once more after each delay while it keeps failing; the last error is
 * thrown. Delays are the caller's backoff schedule, e.g. [1_000, 5_000] for three tries.
 */
export async function retryWithBackoff<T>(task: () => Promise<T>, delaysMs: readonly number[]): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= delaysMs.length) throw error;
      await sleep(delaysMs[attempt]);
    }
  }
}
