import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { CreatedApiKey, KeyScope } from '../../api/types.ts';
import { useSubmit } from '../../api/use-submit.ts';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { FormField } from '../../components/form-field.tsx';

export const scopeDescriptions: Record<KeyScope, string> = {
  inference: 'inference: call models only',
  read: 'read: models, logs and users',
  admin: 'admin: everything, management included',
};

/** Creates a gateway API key; the key itself comes back once, in `onCreated`. */
export function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<KeyScope>('inference');
  const [expiresAt, setExpiresAt] = useState('');
  const submission = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submission.run(async () => {
      const created = await api.post<CreatedApiKey>('/api/api-keys/', {
        name,
        scope,
        ...(expiresAt !== '' && { expires_at: new Date(expiresAt).toISOString() }),
      });
      setName('');
      setExpiresAt('');
      onCreated(created);
    });
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Create an API key">
      <FormField label="Name" errors={submission.error?.messagesFor('name')}>
        {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} placeholder="team-a-prod" />}
      </FormField>
      <FormField label="Scope" errors={submission.error?.messagesFor('scope')}>
        {(control) => (
          <select {...control} value={scope} onChange={(event) => setScope(event.target.value as KeyScope)}>
            {Object.entries(scopeDescriptions).map(([value, description]) => (
              <option key={value} value={value}>
                {description}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Expires (optional)" errors={submission.error?.messagesFor('expires_at')}>
        {(control) => <input {...control} type="datetime-local" value={expiresAt} onChange={(event) => setExpiresAt(event.target.value)} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submission.pending}>
          Create key
        </button>
      </div>
      {submission.error !== undefined && Object.keys(submission.error.fieldErrors).length === 0 && <ErrorBanner error={submission.error} title="Not created" />}
    </form>
  );
}
