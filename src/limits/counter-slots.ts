import type { LimitMetric } from '../config/config.ts';
import type { CounterSlot, LimitRefusal, LimitUsage, SubjectLimits, UsageAmounts, WarnCrossing } from './limit-counter-store.ts';
import { fromCounterUnits, thresholdUnits, toCounterUnits } from './limit-units.ts';
import { currentWindow, secondsUntilEnd } from './limit-window.ts';

/**
 * The arithmetic both stores share, so the memory store and the Redis scripts decide alike:
 * which counters a request touches, when a counter refuses, which warn thresholds were crossed.
 */

/**
 * One slot per distinct counter: two limits on the same metric and window (say a warn-only and a
 * block-only entry) read one counter, which is reserved once, not twice.
 */
export function planCounterSlots(subjects: readonly SubjectLimits[], amounts: UsageAmounts, now: number): CounterSlot[] {
  const slots = new Map<string, CounterSlot>();
  for (const { subject, limits } of subjects) {
    for (const limit of limits) {
      const window = currentWindow(limit.window, now);
      const key = `${subject}:${limit.metric}:${window.id}`;
      const existing = slots.get(key);
      if (existing) {
        existing.limits.push(limit);
        continue;
      }
      slots.set(key, {
        key, subject, metric: limit.metric, window: limit.window, windowId: window.id, windowEndsAt: window.endsAt,
        reservedUnits: unitsFor(limit.metric, amounts), limits: [limit],
      });
    }
  }
  return [...slots.values()];
}

/** A request always counts 1; tokens and cost count their (estimated or actual) amounts. */
export function unitsFor(metric: LimitMetric, amounts: UsageAmounts): number {
  if (metric === 'requests') return 1;
  return toCounterUnits(metric, metric === 'tokens' ? amounts.tokens : amounts.cost);
}

/** The slot's strictest `block_at`, in counter units; undefined when none of its limits blocks. */
export function blockThresholdUnits(slot: CounterSlot): number | undefined {
  let strictest: number | undefined;
  for (const limit of slot.limits) {
    if (limit.blockAt === undefined) continue;
    const units = thresholdUnits(slot.metric, limit.blockAt);
    if (strictest === undefined || units < strictest) strictest = units;
  }
  return strictest;
}

/**
 * Contract §6: at most `block_at` requests are served per window, so a request is refused when
 * it would be one too many; a token or cost limit refuses once usage so far has reached
 * `block_at`, and reservations in flight count as usage so far, so racing requests overshoot by
 * at most their own estimates. The Redis reserve script repeats this rule in Lua.
 */
export function slotRefuses(slot: CounterSlot, usedUnits: number, reservedUnits: number): boolean {
  const blockAt = blockThresholdUnits(slot);
  if (blockAt === undefined) return false;
  if (slot.metric === 'requests') return usedUnits + reservedUnits + slot.reservedUnits > blockAt;
  return usedUnits + reservedUnits >= blockAt;
}

/**
 * Names the refusal a client can act on: when several counters refuse, the one whose window
 * ends last, since the request stays refused until then (a lifetime limit, never).
 */
export function refusalFor(refusingSlots: readonly CounterSlot[], now: number): LimitRefusal {
  let chosen: LimitRefusal | undefined;
  for (const slot of refusingSlots) {
    const blockAt = blockThresholdUnits(slot);
    const limit = slot.limits.find((candidate) => candidate.blockAt !== undefined && thresholdUnits(slot.metric, candidate.blockAt) === blockAt) ?? slot.limits[0];
    const refusal: LimitRefusal = { subject: slot.subject, limit, windowId: slot.windowId, retryAfterSeconds: secondsUntilEnd(slot.window, now) };
    if (chosen === undefined || waitsLonger(refusal, chosen)) chosen = refusal;
  }
  if (chosen === undefined) throw new Error('refusalFor needs at least one refusing counter');
  return chosen;
}

function waitsLonger(candidate: LimitRefusal, current: LimitRefusal): boolean {
  if (current.retryAfterSeconds === undefined) return false;
  return candidate.retryAfterSeconds === undefined || candidate.retryAfterSeconds > current.retryAfterSeconds;
}

/**
 * Warn thresholds crossed by one settlement: used before < warn_at <= used after. `used` only
 * grows within a window and each settlement's increment is atomic, so exactly one settlement
 * per window crosses a given threshold, on one replica or many.
 */
export function crossingsFor(slot: CounterSlot, usedBeforeUnits: number, usedAfterUnits: number): WarnCrossing[] {
  const crossings: WarnCrossing[] = [];
  for (const limit of slot.limits) {
    if (limit.warnAt === undefined) continue;
    const warnAt = thresholdUnits(slot.metric, limit.warnAt);
    if (usedBeforeUnits < warnAt && warnAt <= usedAfterUnits) {
      crossings.push({
        subject: slot.subject, limit, warnAt: limit.warnAt, windowId: slot.windowId, windowEndsAt: slot.windowEndsAt,
        used: fromCounterUnits(slot.metric, usedAfterUnits),
      });
    }
  }
  return crossings;
}

/** One usage entry per limit, in the subject's order, from the readings of its slots (counter units). */
export function usageForLimits(
  subject: SubjectLimits,
  slots: readonly CounterSlot[],
  readings: ReadonlyArray<{ usedUnits: number; reservedUnits: number }>,
): LimitUsage[] {
  return subject.limits.map((limit) => {
    const slotIndex = slots.findIndex((slot) => slot.limits.includes(limit));
    const slot = slots[slotIndex];
    const reading = readings[slotIndex];
    return {
      limit, windowId: slot.windowId, windowEndsAt: slot.windowEndsAt,
      used: fromCounterUnits(slot.metric, reading.usedUnits), reserved: fromCounterUnits(slot.metric, reading.reservedUnits),
    };
  });
}
