import { useState, type FormEvent } from 'react';
import type { Settings } from '../../api/types.ts';
import { useSubmit } from '../../api/use-submit.ts';
import { FormField } from '../../components/form-field.tsx';
import { SaveStatus } from '../../components/save-status.tsx';

/** Retries of one model before falling back: on/off, how many, and the first backoff. */
export function RetriesForm({ retries, onSave }: { retries: Settings['retries']; onSave: (patch: Partial<Settings>) => Promise<unknown> }) {
  const [enabled, setEnabled] = useState(retries.retry_enabled);
  const [count, setCount] = useState(String(retries.num_retries));
  const [delay, setDelay] = useState(String(retries.retry_after));
  const submission = useSubmit();
  const errors = (field: string) => submission.error?.messagesFor(`retries.${field}`);
  const save = (event: FormEvent) => {
    event.preventDefault();
    void submission.run(() => onSave({ retries: { retry_enabled: enabled, num_retries: Number(count), retry_after: Number(delay) } }));
  };
  return (
    <form onSubmit={save} aria-label="Retries" className="stacked-form" noValidate>
      <div className="checkbox-field">
        <input id="retry-enabled" type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        <label htmlFor="retry-enabled">Retry failed upstream calls (429 and 5xx)</label>
      </div>
      <FormField label="Retries per model" hint="0 to 10" errors={errors('num_retries')}>
        {(control) => <input {...control} type="number" min="0" max="10" step="1" value={count} onChange={(event) => setCount(event.target.value)} />}
      </FormField>
      <FormField label="First backoff (seconds)" hint="Doubles on each retry; an upstream Retry-After wins." errors={errors('retry_after')}>
        {(control) => <input {...control} type="number" min="0" max="60" step="any" value={delay} onChange={(event) => setDelay(event.target.value)} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submission.pending}>
          Save retries
        </button>
        <SaveStatus submission={submission} savedText="Retries saved" />
      </div>
    </form>
  );
}
