import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCompact, formatCost, formatSeconds } from '../../components/format.ts';
import { ChartCard } from './chart-card.tsx';
import { axisStyle, chartColors } from './chart-colors.ts';
import type { BucketPoint } from './load-overview.ts';

const height = 220;

/** Requests, errors, cost, tokens and latency over the period, one chart each. */
export function ActivityCharts({ series, sampleNote }: { series: BucketPoint[]; sampleNote: string }) {
  const totalRequests = series.reduce((sum, point) => sum + point.requests, 0);
  const totalErrors = series.reduce((sum, point) => sum + point.errors, 0);
  const chartSeries = series.map((point) => ({ ...point, successes: point.requests - point.errors }));
  return (
    <div className="chart-grid">
      <ChartCard title="Requests" summary={`${totalRequests} requests, ${totalErrors} of them errors, over the period.`}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={chartSeries}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={axisStyle} minTickGap={16} />
            <YAxis tick={axisStyle} allowDecimals={false} width={40} />
            <Tooltip />
            <Legend />
            <Bar isAnimationActive={false} dataKey="successes" name="Succeeded" stackId="requests" fill={chartColors.primary} />
            <Bar isAnimationActive={false} dataKey="errors" name="Errors" stackId="requests" fill={chartColors.error} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard title="Cost" summary={`Cost over the period: ${formatCost(series.reduce((sum, point) => sum + point.cost, 0))}.`}>
        <ResponsiveContainer width="100%" height={height}>
          <AreaChart data={series}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={axisStyle} minTickGap={16} />
            <YAxis tick={axisStyle} tickFormatter={(value: number) => formatCost(value)} width={64} />
            <Tooltip formatter={(value) => formatCost(Number(value))} />
            <Area isAnimationActive={false} type="monotone" dataKey="cost" name="Cost (USD)" stroke={chartColors.cost} fill={chartColors.cost} fillOpacity={0.25} />
          </AreaChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard title="Tokens" summary={`Tokens over the period: ${series.reduce((sum, point) => sum + point.tokens, 0)}.`}>
        <ResponsiveContainer width="100%" height={height}>
          <AreaChart data={series}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={axisStyle} minTickGap={16} />
            <YAxis tick={axisStyle} tickFormatter={(value: number) => formatCompact(value)} width={48} />
            <Tooltip />
            <Area isAnimationActive={false} type="monotone" dataKey="tokens" name="Tokens" stroke={chartColors.tokens} fill={chartColors.tokens} fillOpacity={0.25} />
          </AreaChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard title="Latency" summary={`Average and 95th percentile latency per interval ${sampleNote}.`}>
        <ResponsiveContainer width="100%" height={height}>
          <LineChart data={series}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={axisStyle} minTickGap={16} />
            <YAxis tick={axisStyle} tickFormatter={(value: number) => formatSeconds(value)} width={56} />
            <Tooltip formatter={(value) => formatSeconds(Number(value))} />
            <Legend />
            <Line isAnimationActive={false} type="monotone" dataKey="averageLatency" name="Average" stroke={chartColors.latency} connectNulls dot={{ r: 3 }} strokeWidth={2} />
            <Line isAnimationActive={false} type="monotone" dataKey="p95Latency" name="p95" stroke={chartColors.latencyTail} connectNulls dot={{ r: 3 }} strokeWidth={2} />
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
    </div>
  );
}
