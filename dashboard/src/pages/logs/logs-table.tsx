import type { LogRecord } from '../../api/types.ts';
import { formatCost, formatNumber, formatSeconds, formatTimestamp } from '../../components/format.ts';
import { SortableHeader, type SortState } from '../../components/sortable-header.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';

interface LogsTableProps {
  logs: LogRecord[];
  sort: SortState;
  onSortChange: (sort: SortState) => void;
  selectedId: string | undefined;
  onOpen: (log: LogRecord) => void;
}

const columns: Array<{ field: string; label: string; numeric?: boolean }> = [
  { field: 'timestamp', label: 'Time' },
  { field: 'model', label: 'Model' },
  { field: 'provider_id', label: 'Provider' },
  { field: 'status_code', label: 'Status' },
  { field: 'latency', label: 'Latency', numeric: true },
  { field: 'time_to_first_token', label: 'TTFT', numeric: true },
  { field: 'total_tokens', label: 'Tokens', numeric: true },
  { field: 'cost', label: 'Cost', numeric: true },
  { field: 'customer_identifier', label: 'Customer' },
];

/** The columns people scan; the time opens the log's detail. */
export function LogsTable({ logs, sort, onSortChange, selectedId, onOpen }: LogsTableProps) {
  if (logs.length === 0) return <p className="empty-state">No logs match.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table logs-table">
        <caption className="visually-hidden">Request logs</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <SortableHeader key={column.field} field={column.field} label={column.label} numeric={column.numeric} sort={sort} onSortChange={onSortChange} />
            ))}
          </tr>
        </thead>
        <tbody>
          {logs.map((log) => (
            <tr key={log.unique_id} className={log.unique_id === selectedId ? 'selected' : undefined} aria-selected={log.unique_id === selectedId}>
              <td>
                <button type="button" className="link-button" onClick={() => onOpen(log)} aria-label={`Open log ${log.unique_id} from ${formatTimestamp(log.timestamp)}`}>
                  {formatTimestamp(log.timestamp)}
                </button>
              </td>
              <td className="model-cell">{log.model}</td>
              <td>{log.provider_id ?? '—'}</td>
              <td>
                <StatusBadge status={log.status} code={log.status_code} />
              </td>
              <td className="numeric">{formatSeconds(log.latency)}</td>
              <td className="numeric">{formatSeconds(log.time_to_first_token)}</td>
              <td className="numeric">{formatNumber(log.total_tokens)}</td>
              <td className="numeric">{formatCost(log.cost)}</td>
              <td>{log.customer_identifier ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
