import type { LimitConfig, LimitMetric, LimitWindow } from '../config/config.ts';

/** Words for limits, shared by the 429 message and the alert text so both read alike. */

export type LimitSubjectKind = 'api_key' | 'customer';

const metricNouns: Record<LimitMetric, string> = { cost: 'Cost', tokens: 'Token', requests: 'Request' };

const windowPhrases: Record<LimitWindow, string> = {
  minute: 'per minute', hour: 'per hour', day: 'per day', week: 'per week', month: 'per month', lifetime: 'lifetime total',
};

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** `$100.00`, `1,500 tokens`, `1 request`. */
export function formatLimitAmount(metric: LimitMetric, value: number): string {
  if (metric === 'cost') return usd.format(value);
  const noun = metric === 'tokens' ? 'token' : 'request';
  return `${count.format(value)} ${noun}${value === 1 ? '' : 's'}`;
}

export function describeWindow(window: LimitWindow): string {
  return windowPhrases[window];
}

/** `API key 'team-a'` or `customer 'acme'`. */
export function describeSubject(kind: LimitSubjectKind, label: string): string {
  return `${kind === 'api_key' ? 'API key' : 'customer'} '${label}'`;
}

/** "Cost limit reached for API key 'team-a': $100.00 per day". */
export function limitReachedMessage(options: { kind: LimitSubjectKind; label: string; limit: LimitConfig }): string {
  const { limit } = options;
  const threshold = formatLimitAmount(limit.metric, limit.blockAt ?? 0);
  return `${metricNouns[limit.metric]} limit reached for ${describeSubject(options.kind, options.label)}: ${threshold} ${describeWindow(limit.window)}`;
}
