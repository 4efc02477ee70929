import { GatewayError } from '../errors/gateway-error.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { type LimitSubjectKind, limitReachedMessage } from './describe-limit.ts';
import type {
  LimitCounterStore, LimitRefusal, LimitUsage, Reservation, SubjectLimits, UsageAmounts, WarnCrossing,
} from './limit-counter-store.ts';
import type { LimitWarningSink } from './limit-warning.ts';

/** What to do when the counters cannot be reached: admit uncounted (default) or refuse with 503. */
export type LimitsUnavailablePolicy = 'fail_open' | 'fail_closed';

/** A key or a customer whose limits a request must pass. */
export interface LimitedSubject extends SubjectLimits {
  kind: LimitSubjectKind;
  /** The key's name or the customer identifier, for messages and alerts. */
  label: string;
}

/**
 * An admitted request's hold on its limits. Call exactly one of them when the request ends
 * (later calls do nothing); neither rejects: a failure is logged and counted in metrics.
 */
export interface Admission {
  /** The request was served: count its real tokens and cost instead of the estimate. */
  settle(actual: UsageAmounts): Promise<void>;
  /** The request failed before being served: it is not counted, its slot is free again. */
  release(): Promise<void>;
}

export interface LimitEnforcerOptions {
  store: LimitCounterStore;
  unavailablePolicy?: LimitsUnavailablePolicy;
  /** Receives warn_at crossings; the alert dispatcher, which never blocks. */
  warnings?: LimitWarningSink;
  metrics: Pick<GatewayMetrics, 'limitRefusals' | 'limitStoreUnavailable' | 'limitStoreUp'>;
  warn: (message: string) => void;
}

type StoreOperation = 'reserve' | 'settle' | 'release' | 'usage';

const unlimited: Admission = { settle: async () => {}, release: async () => {} };

/**
 * The limit stage of the pipeline (contract §6): `admit` before the upstream call reserves the
 * request on every limit of the key and the customer at once, or throws the 429 that names the
 * limit; the returned Admission settles or releases it when the request ends.
 */
export class LimitEnforcer {
  readonly #store: LimitCounterStore;
  readonly #policy: LimitsUnavailablePolicy;
  readonly #warnings: LimitWarningSink | undefined;
  readonly #metrics: LimitEnforcerOptions['metrics'];
  readonly #warn: (message: string) => void;
  #storeAvailable = true;

  constructor(options: LimitEnforcerOptions) {
    this.#store = options.store;
    this.#policy = options.unavailablePolicy ?? 'fail_open';
    this.#warnings = options.warnings;
    this.#metrics = options.metrics;
    this.#warn = options.warn;
    this.#metrics.limitStoreUp.set(1);
  }

  async admit(request: { subjects: readonly LimitedSubject[]; estimate: UsageAmounts }): Promise<Admission> {
    const subjects = request.subjects.filter((subject) => subject.limits.length > 0);
    if (subjects.length === 0) return unlimited;
    let outcome;
    try {
      outcome = await this.#store.reserve({ subjects, estimate: request.estimate });
      this.#storeAnswered();
    } catch (error) {
      this.#storeFailed('reserve', error);
      if (this.#policy === 'fail_closed') throw limitsUnavailable(error);
      return unlimited;
    }
    if (!outcome.admitted) {
      this.#metrics.limitRefusals.inc({ metric: outcome.refusal.limit.metric, window: outcome.refusal.limit.window });
      throw limitExceeded(outcome.refusal, subjects);
    }
    return this.#admission(outcome.reservation, subjects);
  }

  /** Current usage of a subject's limits, for the key and user APIs. */
  /** Erasure (contract §14): forgets one subject's counters. */
  purgeSubject(subject: string): Promise<number> {
    return this.#store.purgeSubject(subject);
  }

  async usage(subject: SubjectLimits): Promise<LimitUsage[]> {
    try {
      const usage = await this.#store.usage(subject);
      this.#storeAnswered();
      return usage;
    } catch (error) {
      this.#storeFailed('usage', error);
      throw limitsUnavailable(error);
    }
  }

  #admission(reservation: Reservation, subjects: readonly LimitedSubject[]): Admission {
    let finished = false;
    return {
      settle: async (actual) => {
        if (finished) return;
        finished = true;
        try {
          const crossings = await this.#store.settle(reservation, actual);
          this.#storeAnswered();
          for (const crossing of crossings) this.#notify(crossing, subjects);
        } catch (error) {
          this.#storeFailed('settle', error);
        }
      },
      release: async () => {
        if (finished) return;
        finished = true;
        try {
          await this.#store.release(reservation);
          this.#storeAnswered();
        } catch (error) {
          this.#storeFailed('release', error);
        }
      },
    };
  }

  #notify(crossing: WarnCrossing, subjects: readonly LimitedSubject[]): void {
    if (!this.#warnings) return;
    const subject = subjects.find((candidate) => candidate.subject === crossing.subject);
    try {
      this.#warnings.notify({
        subject: crossing.subject, kind: subject?.kind ?? 'api_key', label: subject?.label ?? crossing.subject,
        metric: crossing.limit.metric, window: crossing.limit.window, windowId: crossing.windowId, windowEndsAt: crossing.windowEndsAt,
        used: crossing.used, warnAt: crossing.warnAt, ...(crossing.limit.blockAt !== undefined && { blockAt: crossing.limit.blockAt }),
      });
    } catch (error) {
      this.#warn(`Limit alert could not be queued: ${(error as Error).message}`);
    }
  }

  #storeAnswered(): void {
    if (this.#storeAvailable) return;
    this.#storeAvailable = true;
    this.#metrics.limitStoreUp.set(1);
    this.#warn('Limit counters are reachable again; limits are enforced');
  }

  /** Logs the first failure of an outage only, so an outage under load is one line, not thousands. */
  #storeFailed(operation: StoreOperation, error: unknown): void {
    this.#metrics.limitStoreUnavailable.inc({ operation, policy: this.#policy });
    if (!this.#storeAvailable) return;
    this.#storeAvailable = false;
    this.#metrics.limitStoreUp.set(0);
    const consequence = this.#policy === 'fail_open' ? 'requests are admitted and not counted' : 'requests are refused with 503';
    this.#warn(`Limit counters unavailable (${(error as Error).message}); ${this.#policy}: ${consequence}`);
  }
}

function limitExceeded(refusal: LimitRefusal, subjects: readonly LimitedSubject[]): GatewayError {
  const subject = subjects.find((candidate) => candidate.subject === refusal.subject);
  const message = limitReachedMessage({ kind: subject?.kind ?? 'api_key', label: subject?.label ?? refusal.subject, limit: refusal.limit });
  return new GatewayError({
    status: 429, message, type: 'rate_limit_error', code: 'limit_exceeded',
    // A lifetime limit never resets, so there is no time worth telling the client to wait.
    headers: refusal.retryAfterSeconds === undefined ? {} : { 'retry-after': String(refusal.retryAfterSeconds) },
  });
}

function limitsUnavailable(cause: unknown): GatewayError {
  return new GatewayError({
    status: 503, message: 'Usage limits cannot be checked right now; try again shortly', code: 'limits_unavailable',
    headers: { 'retry-after': '1' }, cause,
  });
}
