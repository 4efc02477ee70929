export type OverviewPeriod = '1h' | '24h' | '7d' | '30d';

export interface TimeBucket {
  start: number;
  end: number;
  label: string;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const layouts: Record<OverviewPeriod, { size: number; count: number; label: (date: Date) => string }> = {
  '1h': { size: 5 * minute, count: 12, label: (date) => date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) },
  '24h': { size: hour, count: 24, label: (date) => date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) },
  '7d': { size: 6 * hour, count: 28, label: (date) => date.toLocaleString(undefined, { weekday: 'short', hour: '2-digit' }) },
  '30d': { size: day, count: 30, label: (date) => date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' }) },
};

/** Equal buckets ending at the next bucket boundary after `now`, oldest first. */
export function timeBuckets(period: OverviewPeriod, now: number): TimeBucket[] {
  const layout = layouts[period];
  // Align to whole buckets in local time, so a day bucket is a calendar day on the operator's clock.
  const offset = new Date(now).getTimezoneOffset() * minute;
  const end = Math.ceil((now - offset) / layout.size) * layout.size + offset;
  return Array.from({ length: layout.count }, (_unused, index) => {
    const start = end - (layout.count - index) * layout.size;
    return { start, end: start + layout.size, label: layout.label(new Date(start)) };
  });
}
