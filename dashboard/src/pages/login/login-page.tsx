import { useState, type FormEvent } from 'react';
import { verifyAdminKey } from '../../api/api-client.ts';
import { FormField } from '../../components/form-field.tsx';

/** Sign-in with the gateway's admin key (or an API key with the admin scope). */
export function LoginPage({ notice, onSignedIn }: { notice?: string; onSignedIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (trimmed === '') return setError('Enter the admin key.');
    setPending(true);
    const result = await verifyAdminKey(trimmed);
    setPending(false);
    if (result.ok) onSignedIn(trimmed);
    else setError(result.message);
  };

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} noValidate>
        <h1>
          <span className="brand-mark" aria-hidden="true" /> Switchboard
        </h1>
        <p className="muted">Sign in with the gateway's admin key. It is kept in this tab's session storage only.</p>
        {notice !== undefined && <p role="status" className="notice">{notice}</p>}
        <FormField label="Admin key" errors={error === undefined ? [] : [error]}>
          {(control) => (
            <input {...control} type="password" autoComplete="current-password" value={key} onChange={(event) => setKey(event.target.value)} autoFocus />
          )}
        </FormField>
        <button type="submit" className="primary wide" disabled={pending}>
          {pending ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
