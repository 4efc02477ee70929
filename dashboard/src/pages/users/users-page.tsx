import { useState } from 'react';
import type { Page, User } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { toSortBy, type SortState } from '../../components/sortable-header.tsx';
import { resolveTimeRange, type TimeRange } from '../../components/time-range.ts';
import { TimeRangePicker } from '../../components/time-range-picker.tsx';
import { UsersTable } from './users-table.tsx';

/** Customers (end users) with their requests, tokens and spend over a chosen period. */
export function UsersPage() {
  const [range, setRange] = useState<TimeRange>({ preset: '30d' });
  const [now, setNow] = useState(() => Date.now());
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortState>({ field: 'total_cost', descending: true });
  const [page, setPage] = useState(1);
  const pageSize = 50;

  const body = search.trim() === '' ? {} : { filters: { customer_identifier: { operator: 'icontains', value: [search.trim()] } } };
  const query = { page, page_size: pageSize, sort_by: toSortBy(sort), ...resolveTimeRange(range, now) };
  const users = useApiData(JSON.stringify([body, query]), (api, signal) => api.post<Page<User>>('/api/users/list/', body, query, signal));

  return (
    <>
      <PageHeader title="Users" description="Spend, tokens and requests per customer (customer_identifier) over the period." />
      <div className="toolbar">
        <TimeRangePicker
          value={range}
          presets={['24h', '7d', '30d', 'all', 'custom']}
          onChange={(next) => {
            setRange(next);
            setNow(Date.now());
            setPage(1);
          }}
        />
        <label className="inline-label">
          Search
          <input
            type="search"
            placeholder="customer identifier"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setPage(1);
            }}
          />
        </label>
      </div>
      <LoadingState {...users}>
        {(data) => (
          <>
            <UsersTable
              users={data.results}
              sort={sort}
              onSortChange={(next) => {
                setSort(next);
                setPage(1);
              }}
            />
            <Pagination label="Users pages" page={page} pageSize={pageSize} count={data.count} onPageChange={setPage} />
          </>
        )}
      </LoadingState>
    </>
  );
}
