import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { blockThresholdUnits, crossingsFor, planCounterSlots, refusalFor, unitsFor, usageForLimits } from './counter-slots.ts';
import {
  type CounterSlot, type LimitCounterStore, type LimitUsage, type Reservation, type ReserveOutcome, type ReserveRequest,
  type SubjectLimits, type UsageAmounts, type WarnCrossing, LimitStoreUnavailableError,
} from './limit-counter-store.ts';
import { type LuaScript, limitScripts } from './redis-limit-scripts.ts';

export interface RedisLimitCounterStoreOptions {
  redis: Redis;
  /** REDIS_KEY_PREFIX (contract §11), prepended to every key. */
  keyPrefix: string;
  /** A limit check waits at most this long for Redis before the unavailable policy applies (default 100 ms). */
  commandTimeoutMs?: number;
  /** A reservation not settled within this long is dropped from `reserved` (default 15 min): its replica died. */
  reservationTtlMs?: number;
  now?: () => number;
}

/** Past its window's end a counter is kept this long for requests still settling into it. */
const expiryMarginMs = 5 * 60_000;

/**
 * Counters shared by every replica through Redis, each operation one atomic Lua script. Any
 * Redis failure or a reply slower than `commandTimeoutMs` becomes LimitStoreUnavailableError.
 */
export class RedisLimitCounterStore implements LimitCounterStore {
  readonly #redis: Redis;
  readonly #keyPrefix: string;
  readonly #commandTimeoutMs: number;
  readonly #reservationTtlMs: number;
  readonly #now: () => number;
  readonly #finished = new WeakSet<Reservation>();

  constructor(options: RedisLimitCounterStoreOptions) {
    this.#redis = options.redis;
    this.#keyPrefix = options.keyPrefix;
    // Generous: a Redis that is merely slow (a loaded host) must still count every request, or
    // fail_open would admit past block_at. A Redis that is down is noticed at once (client not ready).
    this.#commandTimeoutMs = options.commandTimeoutMs ?? 1_000;
    this.#reservationTtlMs = options.reservationTtlMs ?? 15 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  async purgeSubject(subject: string): Promise<number> {
    // Glob characters in a customer id must match themselves only.
    const pattern = `${this.#keyPrefix}limits:${subject}:*`.replace(/[*?[\]\\]/g, (character, offset: number, text: string) => (offset === text.length - 1 ? character : `\\${character}`));
    let cursor = '0';
    let purged = 0;
    do {
      const [next, keys] = await this.#redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) purged += await this.#redis.del(...keys);
    } while (cursor !== '0');
    return purged;
  }

  async reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    const now = this.#now();
    const slots = planCounterSlots(request.subjects, request.estimate, now);
    const id = randomUUID();
    const counterArguments = slots.flatMap((slot) => {
      const blockAt = blockThresholdUnits(slot);
      const mode = blockAt === undefined ? 'none' : slot.metric === 'requests' ? 'requests' : 'usage';
      return [String(slot.reservedUnits), mode, String(blockAt ?? 0), keyExpiry(slot)];
    });
    let reply: unknown;
    try {
      reply = await this.#evaluate(limitScripts.reserve, this.#keysFor(slots), [String(now), id, String(now + this.#reservationTtlMs), ...counterArguments]);
    } catch (error) {
      // A reserve that timed out here may still run once Redis answers; a release queued behind
      // it on the same connection undoes it, so the fail-open path leaves no phantom reservation.
      this.#evaluate(limitScripts.release, this.#keysFor(slots), [id], { timeoutMs: 10_000 }).catch(() => {});
      throw error;
    }
    const refusedIndexes = integerList(reply);
    if (refusedIndexes.length > 0) return { admitted: false, refusal: refusalFor(refusedIndexes.map((index) => slots[index - 1]), now) };
    return { admitted: true, reservation: { id, slots } };
  }

  async settle(reservation: Reservation, actual: UsageAmounts): Promise<WarnCrossing[]> {
    if (this.#finished.has(reservation)) return [];
    this.#finished.add(reservation);
    const actualUnits = reservation.slots.map((slot) => unitsFor(slot.metric, actual));
    const counterArguments = reservation.slots.flatMap((slot, index) => [String(actualUnits[index]), keyExpiry(slot)]);
    const reply = await this.#evaluate(limitScripts.settle, this.#keysFor(reservation.slots), [reservation.id, ...counterArguments]);
    const usedAfter = integerList(reply);
    return reservation.slots.flatMap((slot, index) => crossingsFor(slot, usedAfter[index] - actualUnits[index], usedAfter[index]));
  }

  async release(reservation: Reservation): Promise<void> {
    if (this.#finished.has(reservation)) return;
    this.#finished.add(reservation);
    await this.#evaluate(limitScripts.release, this.#keysFor(reservation.slots), [reservation.id]);
  }

  async usage(subject: SubjectLimits): Promise<LimitUsage[]> {
    const now = this.#now();
    const slots = planCounterSlots([subject], { tokens: 0, cost: 0 }, now);
    const values = integerList(await this.#evaluate(limitScripts.usage, this.#keysFor(slots), [String(now)]));
    const readings = slots.map((_slot, index) => ({ usedUnits: values[2 * index], reservedUnits: values[2 * index + 1] }));
    return usageForLimits(subject, slots, readings);
  }

  #keysFor(slots: readonly CounterSlot[]): string[] {
    return slots.flatMap((slot) => {
      const hashKey = `${this.#keyPrefix}limits:${slot.key}`;
      return [hashKey, `${hashKey}:inflight`];
    });
  }

  async #evaluate(script: LuaScript, keys: string[], args: string[], options: { timeoutMs?: number } = {}): Promise<unknown> {
    // While ioredis reconnects it would queue the command; answering at once keeps every request
    // of an outage from waiting out the timeout.
    const status = this.#redis.status;
    if (status === 'reconnecting' || status === 'close' || status === 'end') {
      throw new LimitStoreUnavailableError(`Redis connection is ${status}`);
    }
    const timeoutMs = options.timeoutMs ?? this.#commandTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new LimitStoreUnavailableError(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
      timer.unref();
    });
    const command = this.#runScript(script, keys, args);
    command.catch(() => {}); // the timeout may win; a late rejection is then of no interest
    try {
      return await Promise.race([command, timeout]);
    } catch (error) {
      if (error instanceof LimitStoreUnavailableError) throw error;
      throw new LimitStoreUnavailableError(`Redis limit script failed: ${(error as Error).message}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** EVALSHA, falling back to EVAL (which also caches the script) after a restart or on a new server. */
  async #runScript(script: LuaScript, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await this.#redis.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      return await this.#redis.eval(script.source, keys.length, ...keys, ...args);
    }
  }
}

/** Counters expire a margin after their window ends ('0': a lifetime counter never does). */
function keyExpiry(slot: CounterSlot): string {
  return slot.windowEndsAt === undefined ? '0' : String(slot.windowEndsAt + expiryMarginMs);
}

function integerList(reply: unknown): number[] {
  if (!Array.isArray(reply)) throw new LimitStoreUnavailableError(`unexpected reply from a Redis limit script: ${String(reply)}`);
  return reply.map((value) => Number(value));
}
