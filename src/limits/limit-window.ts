import type { LimitWindow } from '../config/config.ts';

/**
 * Limit windows are aligned to UTC calendar boundaries (contract §11), so every replica, whatever
 * its time zone or start time, counts into the same window and agrees on when it ends.
 */
export interface WindowInstance {
  /** Names the window: '2026-11-23T19:05' (minute), '2026-11-23T19' (hour), '2026-11-23' (day), '2026-W48' (ISO week), '2026-11' (month), 'lifetime'. */
  id: string;
  /** Epoch ms at which the next window starts; undefined for `lifetime`, which never ends. */
  endsAt: number | undefined;
}

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

export function currentWindow(window: LimitWindow, now: number): WindowInstance {
  const date = new Date(now);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const dayId = `${year}-${pad(month + 1)}-${pad(day)}`;
  switch (window) {
    case 'minute': {
      const start = Math.floor(now / minuteMs) * minuteMs;
      return { id: `${dayId}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`, endsAt: start + minuteMs };
    }
    case 'hour': {
      const start = Math.floor(now / hourMs) * hourMs;
      return { id: `${dayId}T${pad(date.getUTCHours())}`, endsAt: start + hourMs };
    }
    case 'day':
      return { id: dayId, endsAt: Date.UTC(year, month, day + 1) };
    case 'week':
      return isoWeek(year, month, day);
    case 'month':
      return { id: `${year}-${pad(month + 1)}`, endsAt: Date.UTC(year, month + 1, 1) };
    case 'lifetime':
      return { id: 'lifetime', endsAt: undefined };
  }
}

/**
 * Whole seconds until the window ends, for `Retry-After` (RFC 9110 §10.2.3 takes a non-negative
 * integer): rounded up so a client that waits exactly that long lands in the next window, and
 * at least 1 so it never retries in a tight loop. Undefined for `lifetime`: there is no next window.
 */
export function secondsUntilEnd(window: LimitWindow, now: number): number | undefined {
  const { endsAt } = currentWindow(window, now);
  if (endsAt === undefined) return undefined;
  return Math.max(1, Math.ceil((endsAt - now) / 1000));
}

/**
 * ISO 8601 weeks start on Monday and belong to the year that holds their Thursday, so the last
 * days of December can be week 1 of the next year and the first days of January week 52/53 of
 * the previous one.
 */
function isoWeek(year: number, month: number, day: number): WindowInstance {
  const midnight = Date.UTC(year, month, day);
  const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  const monday = midnight - daysSinceMonday * dayMs;
  const thursday = monday + 3 * dayMs;
  const weekYear = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(weekYear, 0, 1)) / (7 * dayMs)) + 1;
  return { id: `${weekYear}-W${pad(week)}`, endsAt: monday + 7 * dayMs };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
