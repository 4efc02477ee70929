import { rangePresets, type RangePreset, type TimeRange } from './time-range.ts';

interface TimeRangePickerProps {
  value: TimeRange;
  onChange: (range: TimeRange) => void;
  presets?: RangePreset[];
}

/** A period: a preset, or a custom start and end in local time. */
export function TimeRangePicker({ value, onChange, presets }: TimeRangePickerProps) {
  const options = rangePresets.filter((preset) => presets === undefined || presets.includes(preset.value));
  return (
    <fieldset className="time-range-picker">
      <legend className="visually-hidden">Time range</legend>
      <label className="inline-label">
        Period
        <select value={value.preset} onChange={(event) => onChange({ ...value, preset: event.target.value as RangePreset })}>
          {options.map((preset) => (
            <option key={preset.value} value={preset.value}>
              {preset.label}
            </option>
          ))}
        </select>
      </label>
      {value.preset === 'custom' && (
        <>
          <label className="inline-label">
            From
            <input type="datetime-local" value={value.customStart ?? ''} onChange={(event) => onChange({ ...value, customStart: event.target.value })} />
          </label>
          <label className="inline-label">
            To
            <input type="datetime-local" value={value.customEnd ?? ''} onChange={(event) => onChange({ ...value, customEnd: event.target.value })} />
          </label>
        </>
      )}
    </fieldset>
  );
}
