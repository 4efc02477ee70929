import { useState } from 'react';
import { useApiData } from '../../api/use-api-data.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ActivityCharts } from './activity-charts.tsx';
import { BreakdownSection } from './breakdown-section.tsx';
import { loadOverview, overviewSampleSize } from './load-overview.ts';
import { StatCards } from './stat-cards.tsx';
import type { OverviewPeriod } from './time-buckets.ts';

const periods: Array<{ value: OverviewPeriod; label: string }> = [
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
];

export function OverviewPage() {
  const [period, setPeriod] = useState<OverviewPeriod>('24h');
  const [now, setNow] = useState(() => Date.now());
  const overview = useApiData(`${period}:${now}`, (api, signal) => loadOverview(api, { period, now, signal }));

  const periodPicker = (
    <>
      <label className="inline-label">
        Period
        <select
          value={period}
          onChange={(event) => {
            setPeriod(event.target.value as OverviewPeriod);
            setNow(Date.now());
          }}
        >
          {periods.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => setNow(Date.now())}>
        Refresh
      </button>
    </>
  );

  return (
    <>
      <PageHeader title="Overview" description="Traffic, errors, spend and latency through the gateway." actions={periodPicker} />
      <LoadingState {...overview}>
        {(data) => {
          const sampled = data.sampleSize >= overviewSampleSize && data.totals.number_of_requests > data.sampleSize;
          const sampleNote = sampled ? `(from the latest ${data.sampleSize.toLocaleString()} requests)` : '';
          return (
            <>
              <StatCards overview={data} />
              <ActivityCharts series={data.series} sampleNote={sampleNote} />
              {sampled && <p className="muted">Latency and the breakdowns below are computed {sampleNote}.</p>}
              <div className="breakdown-grid">
                <BreakdownSection title="By model" dimension="Model" rows={data.byModel} />
                <BreakdownSection title="By provider" dimension="Provider" rows={data.byProvider} />
              </div>
            </>
          );
        }}
      </LoadingState>
    </>
  );
}
