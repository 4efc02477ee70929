import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCost, formatNumber, formatPercent, formatSeconds } from '../../components/format.ts';
import { ChartCard } from './chart-card.tsx';
import { axisStyle, chartColors } from './chart-colors.ts';
import type { BreakdownRow } from './load-overview.ts';

/** Requests per model (or provider) as a bar chart, and the figures as a table. */
export function BreakdownSection({ title, dimension, rows }: { title: string; dimension: string; rows: BreakdownRow[] }) {
  const top = rows.slice(0, 8);
  return (
    <section className="breakdown" aria-label={title}>
      <ChartCard title={title} summary={top.map((row) => `${row.name}: ${row.requests} requests`).join(', ')}>
        <ResponsiveContainer width="100%" height={Math.max(120, top.length * 36 + 40)}>
          <BarChart data={top} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tick={axisStyle} allowDecimals={false} />
            <YAxis type="category" dataKey="name" tick={axisStyle} width={150} />
            <Tooltip />
            <Bar isAnimationActive={false} dataKey="requests" name="Requests" fill={chartColors.primary} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{dimension}</th>
              <th scope="col" className="numeric">Requests</th>
              <th scope="col" className="numeric">Errors</th>
              <th scope="col" className="numeric">Tokens</th>
              <th scope="col" className="numeric">Cost</th>
              <th scope="col" className="numeric">Avg latency</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name}>
                <th scope="row">{row.name}</th>
                <td className="numeric">{formatNumber(row.requests)}</td>
                <td className="numeric">{formatPercent(row.errors / row.requests)}</td>
                <td className="numeric">{formatNumber(row.tokens)}</td>
                <td className="numeric">{formatCost(row.cost)}</td>
                <td className="numeric">{formatSeconds(row.averageLatency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
