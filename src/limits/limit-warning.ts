import type { LimitMetric, LimitWindow } from '../config/config.ts';
import type { LimitSubjectKind } from './describe-limit.ts';

/** A `warn_at` crossed: what the alert dispatcher needs to tell people about it. */
export interface LimitWarning {
  /** `key:<id>` or `customer:<identifier>`; with the limit and window id, what alerts are deduplicated by. */
  subject: string;
  kind: LimitSubjectKind;
  /** The key's name or the customer identifier, as people know it. */
  label: string;
  metric: LimitMetric;
  window: LimitWindow;
  windowId: string;
  windowEndsAt: number | undefined;
  /** Usage so far in the window, in the metric's unit (USD for cost). */
  used: number;
  warnAt: number;
  blockAt?: number;
}

/** Takes warnings without blocking: delivery happens off the request path. */
export interface LimitWarningSink {
  notify(warning: LimitWarning): void;
}
