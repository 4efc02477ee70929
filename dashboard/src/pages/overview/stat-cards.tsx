import { formatCost, formatNumber, formatPercent, formatSeconds } from '../../components/format.ts';
import type { Overview } from './load-overview.ts';

/** The period's headline figures. */
export function StatCards({ overview }: { overview: Overview }) {
  const { totals, series } = overview;
  const latencies = series.filter((point) => point.averageLatency !== null);
  const weighted = latencies.reduce((sum, point) => sum + (point.averageLatency ?? 0) * point.requests, 0);
  const weight = latencies.reduce((sum, point) => sum + point.requests, 0);
  const cards: Array<[string, string]> = [
    ['Requests', formatNumber(totals.number_of_requests)],
    ['Error rate', totals.number_of_requests === 0 ? '—' : formatPercent(totals.errors / totals.number_of_requests)],
    ['Cost', formatCost(totals.total_cost)],
    ['Tokens', formatNumber(totals.total_tokens)],
    ['Avg latency', weight === 0 ? '—' : formatSeconds(weighted / weight)],
  ];
  return (
    <dl className="stat-cards">
      {cards.map(([label, value]) => (
        <div key={label} className="stat-card">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
