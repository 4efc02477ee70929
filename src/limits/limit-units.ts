import type { LimitMetric } from '../config/config.ts';

/**
 * Counters hold integers so that sums stay exact however many requests add to them (and so Redis
 * can use HINCRBY): requests and tokens as counts, cost in micro-dollars. Limits and usage
 * reported to people are converted back to the metric's natural unit (USD for cost).
 */
const microDollarsPerDollar = 1_000_000;

/** An amount of usage as counter units: rounded to the nearest unit, never negative. */
export function toCounterUnits(metric: LimitMetric, value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 0;
  return Math.round(metric === 'cost' ? value * microDollarsPerDollar : value);
}

/**
 * A threshold as counter units. Request and token thresholds stay as written (a fractional
 * `block_at: 2.5` still compares correctly against integer counts); a cost threshold is rounded
 * to the micro-dollar, which keeps `0.1` from becoming 100000.00000000001.
 */
export function thresholdUnits(metric: LimitMetric, value: number): number {
  return metric === 'cost' ? Math.round(value * microDollarsPerDollar) : value;
}

export function fromCounterUnits(metric: LimitMetric, units: number): number {
  return metric === 'cost' ? units / microDollarsPerDollar : units;
}
