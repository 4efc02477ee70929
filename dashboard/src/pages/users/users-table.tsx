import type { User } from '../../api/types.ts';
import { formatCost, formatNumber, formatTimestamp } from '../../components/format.ts';
import { SortableHeader, type SortState } from '../../components/sortable-header.tsx';
import { Link } from '../../routing/link.tsx';
import { userPath } from '../../routing/match-route.ts';

const columns: Array<{ field: string; label: string; numeric?: boolean }> = [
  { field: 'customer_identifier', label: 'Customer' },
  { field: 'name', label: 'Name' },
  { field: 'number_of_requests', label: 'Requests', numeric: true },
  { field: 'total_tokens', label: 'Tokens', numeric: true },
  { field: 'total_cost', label: 'Spend', numeric: true },
  { field: 'last_seen', label: 'Last seen' },
];

export function UsersTable({ users, sort, onSortChange }: { users: User[]; sort: SortState; onSortChange: (sort: SortState) => void }) {
  if (users.length === 0) return <p className="empty-state">No customers in this period.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Customers</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <SortableHeader key={column.field} {...column} sort={sort} onSortChange={onSortChange} />
            ))}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.customer_identifier}>
              <th scope="row">
                <Link to={userPath(user.customer_identifier)}>{user.customer_identifier}</Link>
              </th>
              <td>{[user.name, user.email].filter(Boolean).join(' · ') || '—'}</td>
              <td className="numeric">{formatNumber(user.number_of_requests)}</td>
              <td className="numeric">{formatNumber(user.total_tokens)}</td>
              <td className="numeric">{formatCost(user.total_cost)}</td>
              <td>{formatTimestamp(user.last_seen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
