import { useCallback, useState } from 'react';
import { ApiError } from '../../api/api-error.ts';
import type { LogRecord, Page } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { toSortBy, type SortState } from '../../components/sortable-header.tsx';
import { resolveTimeRange, type TimeRange } from '../../components/time-range.ts';
import { TimeRangePicker } from '../../components/time-range-picker.tsx';
import { LogDetailPanel } from './log-detail-panel.tsx';
import { LogFilterBuilder } from './log-filter-builder.tsx';
import { buildFiltersBody, newMetadataRow, type FilterRow } from './log-filter-rows.ts';
import { LogsTable } from './logs-table.tsx';

interface LogsExplorerProps {
  /** Filters always applied (a user's page shows only their logs). */
  fixedFilters?: FilterRow[];
  initialRange?: TimeRange;
  showFilterBuilder?: boolean;
}

/** The logs table with its filters, time range, sorting, pagination and detail panel. */
export function LogsExplorer({ fixedFilters = [], initialRange = { preset: '7d' }, showFilterBuilder = true }: LogsExplorerProps) {
  const [rows, setRows] = useState<FilterRow[]>([]);
  const [builderVersion, setBuilderVersion] = useState(0);
  const [range, setRange] = useState<TimeRange>(initialRange);
  const [sort, setSort] = useState<SortState>({ field: 'timestamp', descending: true });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [openLogId, setOpenLogId] = useState<string>();
  // "Last 24 hours" is anchored when chosen or refreshed, so the query is stable between renders.
  const [now, setNow] = useState(() => Date.now());

  const body = buildFiltersBody([...rows, ...fixedFilters]);
  const times = resolveTimeRange(range, now);
  const query = { page, page_size: pageSize, sort_by: toSortBy(sort), ...times };
  const logs = useApiData(JSON.stringify([body, query]), (api, signal) => api.post<Page<LogRecord>>('/api/request-logs/list/', body, query, signal));

  const applyRows = (next: FilterRow[]) => {
    setRows(next);
    setPage(1);
  };
  const filterByMetadata = useCallback((key: string, value: string) => {
    setRows((current) => [...current.filter((row) => !(row.field === 'metadata__' && row.metadataKey === key)), newMetadataRow(key, value)]);
    setBuilderVersion((version) => version + 1);
    setPage(1);
  }, []);
  const closePanel = useCallback(() => setOpenLogId(undefined), []);

  return (
    <div className={openLogId === undefined ? 'logs-explorer' : 'logs-explorer with-panel'}>
      <div className="logs-main">
        <div className="toolbar">
          <TimeRangePicker
            value={range}
            onChange={(next) => {
              setRange(next);
              setNow(Date.now());
              setPage(1);
            }}
          />
          <button
            type="button"
            onClick={() => {
              setNow(Date.now());
              logs.reload();
            }}
          >
            Refresh
          </button>
        </div>
        {showFilterBuilder && <LogFilterBuilder key={builderVersion} applied={rows} onApply={applyRows} error={logs.error instanceof ApiError ? logs.error : undefined} />}
        <ErrorBanner error={logs.error} title="Could not load logs" />
        <p className="result-count" role="status">
          {logs.loading ? 'Loading…' : logs.data === undefined ? '' : `${logs.data.count.toLocaleString()} ${logs.data.count === 1 ? 'log' : 'logs'}`}
        </p>
        {logs.data !== undefined && (
          <>
            <LogsTable
              logs={logs.data.results}
              sort={sort}
              onSortChange={(next) => {
                setSort(next);
                setPage(1);
              }}
              selectedId={openLogId}
              onOpen={(log) => setOpenLogId(log.unique_id)}
            />
            <Pagination
              label="Logs pages"
              page={page}
              pageSize={pageSize}
              count={logs.data.count}
              onPageChange={setPage}
              onPageSizeChange={(size) => {
                setPageSize(size);
                setPage(1);
              }}
            />
          </>
        )}
      </div>
      {openLogId !== undefined && <LogDetailPanel logId={openLogId} onClose={closePanel} onFilterMetadata={showFilterBuilder ? filterByMetadata : undefined} />}
    </div>
  );
}
