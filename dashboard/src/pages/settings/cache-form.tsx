import { useState, type FormEvent } from 'react';
import type { Settings } from '../../api/types.ts';
import { useSubmit } from '../../api/use-submit.ts';
import { FormField } from '../../components/form-field.tsx';
import { SaveStatus } from '../../components/save-status.tsx';

/** The cache's default time to live and how long logs are kept. */
export function CacheForm({ settings, onSave }: { settings: Settings; onSave: (patch: Partial<Settings>) => Promise<unknown> }) {
  const [ttl, setTtl] = useState(String(settings.cache.default_ttl));
  const [retention, setRetention] = useState(settings.log_retention_days === null ? '' : String(settings.log_retention_days));
  const submission = useSubmit();
  const save = (event: FormEvent) => {
    event.preventDefault();
    void submission.run(() => onSave({ cache: { default_ttl: Number(ttl) }, log_retention_days: retention.trim() === '' ? null : Number(retention) }));
  };
  return (
    <form onSubmit={save} aria-label="Cache and retention" className="stacked-form" noValidate>
      <FormField label="Cache default TTL (seconds)" hint="Used when a request turns the cache on without cache_ttl." errors={submission.error?.messagesFor('cache')}>
        {(control) => <input {...control} type="number" min="0" step="1" value={ttl} onChange={(event) => setTtl(event.target.value)} />}
      </FormField>
      <FormField label="Keep logs for (days)" hint="Empty keeps logs forever." errors={submission.error?.messagesFor('log_retention_days')}>
        {(control) => <input {...control} type="number" min="1" step="any" value={retention} onChange={(event) => setRetention(event.target.value)} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submission.pending}>
          Save cache and retention
        </button>
        <SaveStatus submission={submission} />
      </div>
    </form>
  );
}
