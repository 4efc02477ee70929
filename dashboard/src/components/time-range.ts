export type RangePreset = '1h' | '24h' | '7d' | '30d' | 'all' | 'custom';

export interface TimeRange {
  preset: RangePreset;
  /** `datetime-local` values (local time), used when the preset is `custom`. */
  customStart?: string;
  customEnd?: string;
}

export const rangePresets: Array<{ value: RangePreset; label: string; milliseconds?: number }> = [
  { value: '1h', label: 'Last hour', milliseconds: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', milliseconds: 86_400_000 },
  { value: '7d', label: 'Last 7 days', milliseconds: 7 * 86_400_000 },
  { value: '30d', label: 'Last 30 days', milliseconds: 30 * 86_400_000 },
  { value: 'all', label: 'All time' },
  { value: 'custom', label: 'Custom range' },
];

/** The API's `start_time`/`end_time` for a range, as ISO 8601 (UTC). */
export function resolveTimeRange(range: TimeRange, now = Date.now()): { start_time?: string; end_time?: string } {
  if (range.preset === 'custom') {
    return {
      ...(range.customStart && { start_time: new Date(range.customStart).toISOString() }),
      ...(range.customEnd && { end_time: new Date(range.customEnd).toISOString() }),
    };
  }
  const preset = rangePresets.find((candidate) => candidate.value === range.preset);
  if (preset?.milliseconds === undefined) return {};
  return { start_time: new Date(now - preset.milliseconds).toISOString() };
}

export function describeTimeRange(range: TimeRange): string {
  return rangePresets.find((candidate) => candidate.value === range.preset)?.label ?? '';
}
