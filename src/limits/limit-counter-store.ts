import type { LimitConfig, LimitMetric, LimitWindow } from '../config/config.ts';

/**
 * Counters behind limits (contract §6, issue 9), one per subject, metric and window instance,
 * keyed `{subject}:{metric}:{window id}` (subject: `key:<id>` or `customer:<identifier>`). Each
 * counter holds `used` (settled usage) and `reserved` (estimates of requests in flight). Two
 * implementations: memory (one process) and Redis (atomic scripts, shared by replicas).
 */
export interface LimitCounterStore {
  /**
   * Atomically checks every `block_at` of every subject and, only if none refuses, reserves the
   * request (1), its token estimate and its cost estimate on each counter. Checking all subjects
   * at once keeps a key's reservation from briefly blocking others when the customer refuses.
   */
  reserve(request: ReserveRequest): Promise<ReserveOutcome>;
  /** Replaces the reservation by the actual usage; reports warn_at thresholds this usage crossed. Idempotent. */
  settle(reservation: Reservation, actual: UsageAmounts): Promise<WarnCrossing[]>;
  /** Undoes the reservation: the request is not counted at all (upstream failure). Idempotent. */
  release(reservation: Reservation): Promise<void>;
  /** Erasure (contract §14): drops every counter of one subject; returns how many. */
  purgeSubject(subject: string): Promise<number>;
  /** Current usage of each limit's present window, for the key and user APIs. */
  usage(subject: SubjectLimits): Promise<LimitUsage[]>;
}

export interface SubjectLimits {
  /** `key:<api key id>` or `customer:<customer_identifier>`. */
  subject: string;
  limits: readonly LimitConfig[];
}

/** Tokens and cost (USD) of one request; requests always count 1. */
export interface UsageAmounts {
  tokens: number;
  cost: number;
}

export interface ReserveRequest {
  subjects: readonly SubjectLimits[];
  estimate: UsageAmounts;
}

/** One counter touched by a reservation, with the limits that read it. */
export interface CounterSlot {
  key: string;
  subject: string;
  metric: LimitMetric;
  window: LimitWindow;
  windowId: string;
  windowEndsAt: number | undefined;
  /** Counter units reserved on this counter (see limit-units.ts). */
  reservedUnits: number;
  limits: LimitConfig[];
}

/**
 * A request admitted and not yet settled. It remembers its window instances, so a request that
 * ends after its window closed is still counted in the window that admitted it.
 */
export interface Reservation {
  readonly id: string;
  readonly slots: readonly CounterSlot[];
}

export interface LimitRefusal {
  subject: string;
  limit: LimitConfig;
  windowId: string;
  /** Whole seconds to the window's end; undefined for a lifetime limit, which never resets. */
  retryAfterSeconds: number | undefined;
}

export type ReserveOutcome =
  | { admitted: true; reservation: Reservation }
  | { admitted: false; refusal: LimitRefusal };

export interface WarnCrossing {
  subject: string;
  limit: LimitConfig;
  warnAt: number;
  windowId: string;
  windowEndsAt: number | undefined;
  /** Usage after the crossing, in the metric's unit (USD for cost). */
  used: number;
}

export interface LimitUsage {
  limit: LimitConfig;
  windowId: string;
  windowEndsAt: number | undefined;
  /** Settled usage, in the metric's unit (USD for cost). */
  used: number;
  /** Estimates of requests still in flight, in the same unit. */
  reserved: number;
}

/** The counter store could not be reached in time; the enforcer applies the fail-open/closed policy. */
export class LimitStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LimitStoreUnavailableError';
  }
}
