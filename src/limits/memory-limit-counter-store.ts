import { randomUUID } from 'node:crypto';
import { crossingsFor, planCounterSlots, refusalFor, slotRefuses, unitsFor, usageForLimits } from './counter-slots.ts';
import type {
  CounterSlot, LimitCounterStore, LimitUsage, Reservation, ReserveOutcome, ReserveRequest, SubjectLimits, UsageAmounts, WarnCrossing,
} from './limit-counter-store.ts';

interface MemoryCounter {
  used: number;
  reserved: number;
  /** Forgotten after this (window end plus a margin); undefined for lifetime counters. */
  expiresAt: number | undefined;
}

/** Past its window's end a counter is kept this long for requests still settling into it. */
const expiryMarginMs = 5 * 60_000;
const sweepIntervalMs = 60_000;

/**
 * Counters for a single process. Every method does its reading and writing synchronously
 * (nothing awaited in between), so on one event loop each reserve is atomic.
 */
export class MemoryLimitCounterStore implements LimitCounterStore {
  readonly #counters = new Map<string, MemoryCounter>();
  readonly #finished = new WeakSet<Reservation>();
  readonly #now: () => number;
  #nextSweepAt = 0;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async purgeSubject(subject: string): Promise<number> {
    let purged = 0;
    for (const key of this.#counters.keys()) {
      if (key.startsWith(`${subject}:`)) {
        this.#counters.delete(key);
        purged++;
      }
    }
    return purged;
  }

  async reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    const now = this.#now();
    this.#sweepExpired(now);
    const slots = planCounterSlots(request.subjects, request.estimate, now);
    const refusing = slots.filter((slot) => {
      const counter = this.#counters.get(slot.key);
      return slotRefuses(slot, counter?.used ?? 0, counter?.reserved ?? 0);
    });
    if (refusing.length > 0) return { admitted: false, refusal: refusalFor(refusing, now) };
    for (const slot of slots) this.#counterFor(slot).reserved += slot.reservedUnits;
    return { admitted: true, reservation: { id: randomUUID(), slots } };
  }

  async settle(reservation: Reservation, actual: UsageAmounts): Promise<WarnCrossing[]> {
    if (this.#finished.has(reservation)) return [];
    this.#finished.add(reservation);
    const crossings: WarnCrossing[] = [];
    for (const slot of reservation.slots) {
      const counter = this.#counterFor(slot);
      counter.reserved = Math.max(0, counter.reserved - slot.reservedUnits);
      const usedBefore = counter.used;
      counter.used += unitsFor(slot.metric, actual);
      crossings.push(...crossingsFor(slot, usedBefore, counter.used));
    }
    return crossings;
  }

  async release(reservation: Reservation): Promise<void> {
    if (this.#finished.has(reservation)) return;
    this.#finished.add(reservation);
    for (const slot of reservation.slots) {
      const counter = this.#counters.get(slot.key);
      if (counter) counter.reserved = Math.max(0, counter.reserved - slot.reservedUnits);
    }
  }

  async usage(subject: SubjectLimits): Promise<LimitUsage[]> {
    const slots = planCounterSlots([subject], { tokens: 0, cost: 0 }, this.#now());
    const readings = slots.map((slot) => {
      const counter = this.#counters.get(slot.key);
      return { usedUnits: counter?.used ?? 0, reservedUnits: counter?.reserved ?? 0 };
    });
    return usageForLimits(subject, slots, readings);
  }

  #counterFor(slot: CounterSlot): MemoryCounter {
    let counter = this.#counters.get(slot.key);
    if (!counter) {
      counter = { used: 0, reserved: 0, expiresAt: slot.windowEndsAt === undefined ? undefined : slot.windowEndsAt + expiryMarginMs };
      this.#counters.set(slot.key, counter);
    }
    return counter;
  }

  /** Drops counters of windows long past, at most once a minute, so memory stays bounded. */
  #sweepExpired(now: number): void {
    if (now < this.#nextSweepAt) return;
    this.#nextSweepAt = now + sweepIntervalMs;
    for (const [key, counter] of this.#counters) {
      if (counter.expiresAt !== undefined && counter.expiresAt <= now) this.#counters.delete(key);
    }
  }
}
