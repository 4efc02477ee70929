import type { ApiClient } from '../../api/api-client.ts';
import { mapWithConcurrency } from '../../api/map-with-concurrency.ts';
import type { LogRecord, LogSummary, Page } from '../../api/types.ts';
import { timeBuckets, type OverviewPeriod } from './time-buckets.ts';

export interface BucketPoint {
  label: string;
  requests: number;
  errors: number;
  cost: number;
  tokens: number;
  /** From the sampled logs; null where the bucket has none. */
  averageLatency: number | null;
  p95Latency: number | null;
}

export interface BreakdownRow {
  name: string;
  requests: number;
  errors: number;
  tokens: number;
  cost: number;
  averageLatency: number;
}

export interface Overview {
  totals: LogSummary & { errors: number };
  series: BucketPoint[];
  byModel: BreakdownRow[];
  byProvider: BreakdownRow[];
  /** How many logs the latency and breakdown figures were computed from. */
  sampleSize: number;
}

/** The most recent logs of the period read for latency and the breakdowns. */
export const overviewSampleSize = 1000;
const errorFilter = { filters: { status: { operator: '', value: ['error'] } } };

/**
 * The overview from the logs APIs: exact totals and per-bucket counts, cost and tokens from
 * `summary` (one query per bucket, with and without an error filter); latency and the breakdown
 * by model and provider from the period's latest logs, which the API does not aggregate.
 */
export async function loadOverview(api: ApiClient, options: { period: OverviewPeriod; now: number; signal: AbortSignal }): Promise<Overview> {
  const { signal } = options;
  const buckets = timeBuckets(options.period, options.now);
  const period = { start_time: new Date(buckets[0].start).toISOString(), end_time: new Date(buckets.at(-1)!.end).toISOString() };

  const sampleRequest = api.post<Page<LogRecord>>('/api/request-logs/list/', {}, { ...period, page_size: overviewSampleSize, sort_by: '-timestamp' }, signal);
  const totalsRequest = Promise.all([
    api.post<LogSummary>('/api/request-logs/summary/', {}, period, signal),
    api.post<LogSummary>('/api/request-logs/summary/', errorFilter, period, signal),
  ]);
  const bucketSummaries = await mapWithConcurrency(buckets, 4, async (bucket) => {
    const range = { start_time: new Date(bucket.start).toISOString(), end_time: new Date(bucket.end).toISOString() };
    const [all, errors] = await Promise.all([
      api.post<LogSummary>('/api/request-logs/summary/', {}, range, signal),
      api.post<LogSummary>('/api/request-logs/summary/', errorFilter, range, signal),
    ]);
    return { all, errors };
  });
  const [sample, [totals, errorTotals]] = await Promise.all([sampleRequest, totalsRequest]);

  const latencies = buckets.map(() => [] as number[]);
  for (const log of sample.results) {
    const time = Date.parse(log.timestamp);
    const index = buckets.findIndex((bucket) => time >= bucket.start && time < bucket.end);
    if (index >= 0) latencies[index].push(log.latency);
  }

  return {
    totals: { ...totals, errors: errorTotals.number_of_requests },
    series: buckets.map((bucket, index) => ({
      label: bucket.label,
      requests: bucketSummaries[index].all.number_of_requests,
      errors: bucketSummaries[index].errors.number_of_requests,
      cost: bucketSummaries[index].all.total_cost,
      tokens: bucketSummaries[index].all.total_tokens,
      averageLatency: average(latencies[index]),
      p95Latency: percentile(latencies[index], 0.95),
    })),
    byModel: breakdown(sample.results, (log) => log.model),
    byProvider: breakdown(sample.results, (log) => log.provider_id ?? 'none'),
    sampleSize: sample.results.length,
  };
}

function breakdown(logs: LogRecord[], keyOf: (log: LogRecord) => string): BreakdownRow[] {
  const rows = new Map<string, BreakdownRow & { latencySum: number }>();
  for (const log of logs) {
    const name = keyOf(log);
    const row = rows.get(name) ?? { name, requests: 0, errors: 0, tokens: 0, cost: 0, averageLatency: 0, latencySum: 0 };
    row.requests += 1;
    row.errors += log.status === 'error' ? 1 : 0;
    row.tokens += log.total_tokens;
    row.cost += log.cost;
    row.latencySum += log.latency;
    rows.set(name, row);
  }
  return [...rows.values()]
    .map(({ latencySum, ...row }) => ({ ...row, averageLatency: latencySum / row.requests }))
    .sort((left, right) => right.requests - left.requests);
}

function average(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function percentile(values: number[], rank: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.ceil(rank * sorted.length) - 1)];
}
