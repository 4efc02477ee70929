import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { Limit, Page, User } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { FormField } from '../../components/form-field.tsx';
import { LimitsEditor } from '../../components/limits-editor.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Link } from '../../routing/link.tsx';
import { userPath } from '../../routing/match-route.ts';
import { describeLimits } from './describe-limits.ts';

/**
 * Limits per customer (`customer_identifier`): customers who have some, and a form to add limits
 * for any customer, seen or not yet (the API creates the customer).
 */
export function CustomerLimitsSection() {
  const api = useApi();
  const users = useApiData('users-with-limits', (client, signal) => client.get<Page<User>>('/api/users/list/', { page_size: 1000, sort_by: 'customer_identifier' }, signal));
  const [identifier, setIdentifier] = useState('');
  const [editing, setEditing] = useState<string>();

  const limited = (users.data?.results ?? []).filter((user) => user.limits.length > 0 || user.customer_identifier === editing);
  const save = async (customer: string, limits: Limit[]) => {
    await api.patch(`/api/users/${encodeURIComponent(customer)}/`, { limits });
    users.reload();
  };
  const startEditing = (event: FormEvent) => {
    event.preventDefault();
    if (identifier.trim() !== '') setEditing(identifier.trim());
    setIdentifier('');
  };
  const editingIsNew = editing !== undefined && !limited.some((user) => user.customer_identifier === editing);

  return (
    <section aria-labelledby="customer-limits-heading">
      <h2 id="customer-limits-heading">Per customer</h2>
      <form className="inline-form" onSubmit={startEditing} aria-label="Limit a customer">
        <FormField label="Customer identifier" hint="The customer_identifier your application sends.">
          {(control) => <input {...control} value={identifier} onChange={(event) => setIdentifier(event.target.value)} />}
        </FormField>
        <div className="form-actions">
          <button type="submit">Edit limits</button>
        </div>
      </form>
      <LoadingState {...users}>
        {() => (
          <ul className="limit-cards">
            {editingIsNew && (
              <li className="panel">
                <p>
                  <strong>{editing}</strong> — new limits
                </p>
                <LimitsEditor label={`Limits of customer ${editing}`} limits={[]} onSave={(limits) => save(editing, limits)} />
              </li>
            )}
            {limited.map((user) => (
              <li key={user.customer_identifier} className="panel" data-customer={user.customer_identifier}>
                <details open={user.customer_identifier === editing}>
                  <summary>
                    <strong>
                      <Link to={userPath(user.customer_identifier)}>{user.customer_identifier}</Link>
                    </strong>{' '}
                    — {describeLimits(user.limits)}
                  </summary>
                  <LimitsEditor label={`Limits of customer ${user.customer_identifier}`} limits={user.limits} onSave={(limits) => save(user.customer_identifier, limits)} />
                </details>
              </li>
            ))}
            {limited.length === 0 && !editingIsNew && <li className="empty-state">No customer has limits yet.</li>}
          </ul>
        )}
      </LoadingState>
    </section>
  );
}
