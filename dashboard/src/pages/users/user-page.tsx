import { useMemo, useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { Limit, User } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmit } from '../../api/use-submit.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { formatCost, formatNumber, formatTimestamp } from '../../components/format.ts';
import { LimitsEditor } from '../../components/limits-editor.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { describeTimeRange, resolveTimeRange, type TimeRange } from '../../components/time-range.ts';
import { TimeRangePicker } from '../../components/time-range-picker.tsx';
import { Link } from '../../routing/link.tsx';
import { navigate } from '../../routing/navigation.ts';
import { newFilterRow } from '../logs/log-filter-rows.ts';
import { LogsExplorer } from '../logs/logs-explorer.tsx';
import { UserProfileForm } from './user-profile-form.tsx';

/** One customer: usage over a period, profile, limits and their requests. */
export function UserPage({ customerIdentifier }: { customerIdentifier: string }) {
  const api = useApi();
  const path = `/api/users/${encodeURIComponent(customerIdentifier)}/`;
  const [range, setRange] = useState<TimeRange>({ preset: '30d' });
  const [now, setNow] = useState(() => Date.now());
  const times = resolveTimeRange(range, now);
  const user = useApiData(`${path}${JSON.stringify(times)}`, (client, signal) => client.get<User>(path, times, signal));
  const customerFilter = useMemo(() => [newFilterRow('customer_identifier', customerIdentifier, '')], [customerIdentifier]);
  const erasure = useSubmit();

  // A PATCH answers with all-time usage; reloading keeps the figures to the chosen period.
  const saveLimits = async (limits: Limit[]) => {
    await api.patch<User>(path, { limits });
    user.reload();
  };
  const erase = () =>
    void erasure.run(async () => {
      await api.delete(path);
      navigate('/users');
    });

  return (
    <>
      <p className="breadcrumb">
        <Link to="/users">Users</Link> / {customerIdentifier}
      </p>
      <PageHeader
        title={customerIdentifier}
        actions={
          <TimeRangePicker
            value={range}
            presets={['24h', '7d', '30d', 'all', 'custom']}
            onChange={(next) => {
              setRange(next);
              setNow(Date.now());
            }}
          />
        }
      />
      <LoadingState {...user}>
        {(data) => (
          <>
            <dl className="stat-cards">
              <div className="stat-card">
                <dt>Requests ({describeTimeRange(range).toLowerCase()})</dt>
                <dd>{formatNumber(data.number_of_requests)}</dd>
              </div>
              <div className="stat-card">
                <dt>Tokens</dt>
                <dd>{formatNumber(data.total_tokens)}</dd>
              </div>
              <div className="stat-card">
                <dt>Spend</dt>
                <dd>{formatCost(data.total_cost)}</dd>
              </div>
              <div className="stat-card">
                <dt>Last seen</dt>
                <dd>{formatTimestamp(data.last_seen)}</dd>
              </div>
            </dl>
            <div className="two-columns">
              <section className="panel" aria-labelledby="profile-heading">
                <h2 id="profile-heading">Profile</h2>
                <UserProfileForm key={data.customer_identifier} user={data} onSave={async (change) => {
                    await api.patch<User>(path, change);
                    user.reload();
                  }} />
              </section>
              <section className="panel" aria-labelledby="customer-limits-heading">
                <h2 id="customer-limits-heading">Limits</h2>
                <p className="hint">Checked before each request of this customer; a request past a block threshold is refused with 429.</p>
                <LimitsEditor label={`Limits of ${customerIdentifier}`} limits={data.limits} onSave={saveLimits} />
              </section>
            </div>
          </>
        )}
      </LoadingState>
      <section aria-labelledby="user-requests-heading">
        <h2 id="user-requests-heading">Requests</h2>
        <LogsExplorer fixedFilters={customerFilter} showFilterBuilder={false} initialRange={{ preset: '30d' }} />
      </section>
      <section className="danger-zone" aria-labelledby="erase-heading">
        <h2 id="erase-heading">Erase this customer</h2>
        <p className="hint">Deletes the customer and every log of theirs (GDPR erasure). This cannot be undone.</p>
        <ConfirmButton label="Erase customer data" confirmLabel="Erase everything" onConfirm={erase} disabled={erasure.pending} />
        <ErrorBanner error={erasure.error} title="Not erased" />
      </section>
    </>
  );
}
