import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayError } from '../errors/gateway-error.ts';
import { UpstreamError } from '../errors/upstream-error.ts';
import type { AttemptTarget, Candidate } from '../routing/build-plan.ts';
import type { CooldownStore } from '../routing/cooldown-tracker.ts';
import { retryDelayMs, type RetryPolicy } from '../routing/retry-policy.ts';
import type { RequestLog } from './request-log.ts';

export interface RunAttemptsOptions<Result> {
  plan: readonly Candidate[];
  policy: RetryPolicy;
  log: RequestLog;
  cooldowns: CooldownStore;
  signal: AbortSignal;
  /** One upstream call; throws an UpstreamError (or a GatewayError) on failure. */
  attempt(target: AttemptTarget): Promise<Result>;
  /** performance.now() after which no new attempt starts and no backoff waits (the request deadline). */
  deadline?: number;
  random?: () => number;
}

/**
 * Tries the plan in order (issue 7): each candidate up to 1 + retries times — retries rotate
 * through its deployments and wait with backoff or the upstream's `Retry-After` — then the next
 * candidate. Whether to retry or fall back is read from the error; the code that created it
 * decided. Every attempt is recorded on the log.
 */
export async function runAttempts<Result>(options: RunAttemptsOptions<Result>): Promise<{ result: Result; target: AttemptTarget }> {
  let lastError: unknown;
  for (const candidate of options.plan) {
    for (let retry = 0; retry <= options.policy.retries; retry++) {
      if (options.deadline !== undefined && performance.now() >= options.deadline) throw deadlineExceeded(lastError);
      const target = candidate.targets[retry % candidate.targets.length];
      const handle = options.log.startAttempt(target.resolved, target.deploymentName);
      try {
        const result = await options.attempt(target);
        options.log.endAttempt(handle);
        options.cooldowns.recordSuccess(target.cooldownKey);
        return { result, target };
      } catch (error) {
        options.log.endAttempt(handle, error);
        lastError = error;
        if (options.signal.aborted || !(error instanceof UpstreamError)) throw error;
        if (error.retryable) options.cooldowns.recordFailure(target.cooldownKey);
        if (!error.fallbackable) throw error;
        if (!error.retryable || retry === options.policy.retries) break;
        const delay = retryDelayMs(options.policy, retry + 1, error.retryAfterMs, options.random);
        if (delay === undefined) break;
        // A wait that would outlast the deadline is not worth starting: the request ends here.
        if (options.deadline !== undefined && performance.now() + delay >= options.deadline) throw deadlineExceeded(error);
        await sleep(delay, undefined, { signal: options.signal }).catch(() => {
          throw new GatewayError({ status: 499, message: 'Client closed the connection', code: 'client_disconnected' });
        });
      }
    }
  }
  throw lastError ?? new GatewayError({ status: 503, message: 'No upstream could serve this request', code: 'no_healthy_upstream' });
}

function deadlineExceeded(lastError: unknown): GatewayError {
  return new GatewayError({
    status: 504,
    message: `The request deadline (timeouts.request_s) passed before an upstream answered${lastError instanceof Error ? `; last error: ${lastError.message}` : ''}`,
    code: 'request_deadline_exceeded',
  });
}
