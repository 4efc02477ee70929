import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { ApiError } from '../../api/api-error.ts';
import type { ProviderEntry } from '../../api/types.ts';
import { useSubmit } from '../../api/use-submit.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { SaveStatus } from '../../components/save-status.tsx';
import { CredentialInputs } from './credential-inputs.tsx';
import { credentialFieldsFor, credentialsToWire, withoutSecrets, type CredentialValues } from './provider-fields.ts';

/** A configured provider: endpoint settings editable, secrets replaceable but never shown. */
export function ProviderCard({ provider, onChanged }: { provider: ProviderEntry; onChanged: () => void }) {
  const api = useApi();
  const fields = credentialFieldsFor(provider.provider_id);
  const initial = Object.fromEntries(fields.filter((field) => !field.secret).map((field) => [field.name, String(provider.settings[field.name] ?? '')]));
  const [values, setValues] = useState<CredentialValues>(initial);
  const submission = useSubmit();
  const path = `/api/providers/${encodeURIComponent(provider.provider_id)}/`;

  const save = (event: FormEvent) => {
    event.preventDefault();
    void submission.run(async () => {
      await api.patch(path, credentialsToWire(fields, values, { clearEmpty: true }));
      setValues(withoutSecrets(fields, values));
      onChanged();
    });
  };

  return (
    <article className="panel" aria-labelledby={`provider-${provider.provider_id}`} data-provider={provider.provider_id}>
      <header className="card-header">
        <h3 id={`provider-${provider.provider_id}`}>
          {provider.provider_name} <code className="muted">{provider.provider_id}</code>
        </h3>
        <span className="muted">{provider.secrets_set.length === 0 ? 'no secrets set' : `${provider.secrets_set.join(', ')} set`}</span>
      </header>
      <form onSubmit={save} className="stacked-form" aria-label={`Credentials of ${provider.provider_name}`}>
        <CredentialInputs fields={fields} values={values} onChange={setValues} secretsSet={provider.secrets_set} error={submission.error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={submission.pending}>
            Save {provider.provider_name}
          </button>
          <ConfirmButton
            label="Revert to config file"
            confirmLabel="Confirm remove"
            onConfirm={() =>
              void submission.run(async () => {
                try {
                  await api.delete(path);
                } catch (error) {
                  if (error instanceof ApiError && error.status === 404) throw new ApiError({ status: 404, detail: 'Nothing to remove: these credentials come from the config file.' });
                  throw error;
                }
                onChanged();
              })
            }
          />
          <SaveStatus submission={submission} />
        </div>
      </form>
    </article>
  );
}
