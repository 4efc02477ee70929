import type { ApiKey, KeyScope } from '../../api/types.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { formatTimestamp } from '../../components/format.ts';
import { Link } from '../../routing/link.tsx';

interface ApiKeysTableProps {
  keys: ApiKey[];
  onScopeChange: (key: ApiKey, scope: KeyScope) => void;
  onRevoke: (key: ApiKey) => void;
}

export function ApiKeysTable({ keys, onScopeChange, onRevoke }: ApiKeysTableProps) {
  if (keys.length === 0) return <p className="empty-state">No API keys yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">API keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Scope</th>
            <th scope="col">Limits</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} data-key-name={key.name}>
              <th scope="row">{key.name}</th>
              <td>
                <code>{key.key_prefix}…</code>
              </td>
              <td>
                <select aria-label={`Scope of ${key.name}`} value={key.scope} disabled={!key.is_active} onChange={(event) => onScopeChange(key, event.target.value as KeyScope)}>
                  <option value="inference">inference</option>
                  <option value="read">read</option>
                  <option value="admin">admin</option>
                </select>
              </td>
              <td>
                <Link to="/limits">{key.limits.length === 0 ? 'none' : `${key.limits.length} ${key.limits.length === 1 ? 'limit' : 'limits'}`}</Link>
              </td>
              <td>{formatTimestamp(key.created_at)}</td>
              <td>{key.expires_at === null ? 'never' : formatTimestamp(key.expires_at)}</td>
              <td>{key.is_active ? <span className="badge badge-success">Active</span> : <span className="badge badge-muted">Revoked</span>}</td>
              <td>{key.is_active && <ConfirmButton label={`Revoke ${key.name}`} confirmLabel="Confirm revoke" onConfirm={() => onRevoke(key)} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
