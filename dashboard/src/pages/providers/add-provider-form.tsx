import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmit } from '../../api/use-submit.ts';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { FormField } from '../../components/form-field.tsx';
import { CredentialInputs } from './credential-inputs.tsx';
import { credentialFieldsFor, credentialsToWire, knownProviderIds, type CredentialValues } from './provider-fields.ts';

/** Sets credentials for a provider (POST upserts by provider_id). */
export function AddProviderForm({ onSaved }: { onSaved: () => void }) {
  const api = useApi();
  const [providerId, setProviderId] = useState('anthropic');
  const [values, setValues] = useState<CredentialValues>({});
  const submission = useSubmit();
  const fields = credentialFieldsFor(providerId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submission.run(async () => {
      await api.post('/api/providers/', { provider_id: providerId, ...credentialsToWire(fields, values, { clearEmpty: false }) });
      setValues({});
      onSaved();
    });
  };

  return (
    <form onSubmit={submit} className="stacked-form" aria-label="Add provider credentials">
      <FormField label="Provider" errors={submission.error?.messagesFor('provider_id')}>
        {(control) => (
          <select
            {...control}
            value={providerId}
            onChange={(event) => {
              setProviderId(event.target.value);
              setValues({});
              submission.reset();
            }}
          >
            {knownProviderIds.map((id) => (
              <option key={id}>{id}</option>
            ))}
          </select>
        )}
      </FormField>
      <CredentialInputs fields={fields} values={values} onChange={setValues} secretsSet={[]} error={submission.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submission.pending}>
          Save credentials
        </button>
      </div>
      {submission.error !== undefined && Object.keys(submission.error.fieldErrors).length === 0 && <ErrorBanner error={submission.error} title="Not saved" />}
    </form>
  );
}
