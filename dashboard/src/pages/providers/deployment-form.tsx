import { useState, type FormEvent } from 'react';
import type { Deployment } from '../../api/types.ts';
import { useSubmit } from '../../api/use-submit.ts';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { FormField } from '../../components/form-field.tsx';
import { SaveStatus } from '../../components/save-status.tsx';
import { CredentialInputs } from './credential-inputs.tsx';
import { credentialFieldsFor, credentialsToWire, knownProviderIds, withoutSecrets, type CredentialValues } from './provider-fields.ts';

interface DeploymentFormProps {
  /** Absent: a form for a new deployment. */
  deployment?: Deployment;
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
}

/** A deployment's provider, weight, models and credentials (secrets write-only). */
export function DeploymentForm({ deployment, onSubmit }: DeploymentFormProps) {
  const editing = deployment !== undefined;
  const [name, setName] = useState(deployment?.name ?? '');
  const [provider, setProvider] = useState(deployment?.provider ?? 'openai');
  const [weight, setWeight] = useState(String(deployment?.weight ?? 1));
  const [models, setModels] = useState(deployment?.available_models?.join(', ') ?? '');
  const fields = credentialFieldsFor(provider);
  const [values, setValues] = useState<CredentialValues>(() => Object.fromEntries(fields.filter((field) => !field.secret).map((field) => [field.name, String(deployment?.settings[field.name] ?? '')])));
  const submission = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const modelList = models.split(',').map((model) => model.trim()).filter((model) => model !== '');
    const body = {
      ...(!editing && { name: name.trim() }),
      provider,
      weight: Number(weight),
      ...(modelList.length > 0 ? { available_models: modelList } : editing ? { available_models: null } : {}),
      ...credentialsToWire(fields, values, { clearEmpty: editing }),
    };
    void submission.run(async () => {
      await onSubmit(body);
      if (editing) {
        setValues(withoutSecrets(fields, values));
      } else {
        setName('');
        setModels('');
        setValues({});
      }
    });
  };

  return (
    <form onSubmit={submit} className="stacked-form" aria-label={editing ? `Edit deployment ${deployment.name}` : 'Create a deployment'}>
      {!editing && (
        <FormField label="Name" errors={submission.error?.messagesFor('name')}>
          {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} placeholder="openai-b" />}
        </FormField>
      )}
      <div className="field-row">
        <FormField label="Provider" errors={submission.error?.messagesFor('provider')}>
          {(control) => (
            <select {...control} value={provider} onChange={(event) => setProvider(event.target.value)}>
              {knownProviderIds.map((id) => (
                <option key={id}>{id}</option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Weight" errors={submission.error?.messagesFor('weight')}>
          {(control) => <input {...control} type="number" min="0" step="any" value={weight} onChange={(event) => setWeight(event.target.value)} />}
        </FormField>
      </div>
      <FormField label="Models served" hint="Comma-separated; empty serves every model of the provider." errors={submission.error?.messagesFor('available_models')}>
        {(control) => <input {...control} value={models} onChange={(event) => setModels(event.target.value)} placeholder="gpt-4o, gpt-4o-mini" />}
      </FormField>
      <CredentialInputs fields={fields} values={values} onChange={setValues} secretsSet={deployment?.secrets_set ?? []} error={submission.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submission.pending}>
          {editing ? 'Save deployment' : 'Create deployment'}
        </button>
        {editing && <SaveStatus submission={submission} />}
      </div>
      {!editing && submission.error !== undefined && <ErrorBanner error={submission.error} title="Not created" />}
    </form>
  );
}
