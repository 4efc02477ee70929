import { useEffect, useState, type FormEvent } from 'react';
import type { Limit, LimitMetric, LimitWindow } from '../api/types.ts';
import { useSubmit } from '../api/use-submit.ts';
import { SaveStatus } from './save-status.tsx';

const metrics: LimitMetric[] = ['requests', 'tokens', 'cost'];
const windows: LimitWindow[] = ['minute', 'hour', 'day', 'week', 'month', 'lifetime'];

interface LimitDraft {
  metric: LimitMetric;
  window: LimitWindow;
  warn_at: string;
  block_at: string;
}

interface LimitsEditorProps {
  /** Names the limits for screen readers: "Limits of team-a". */
  label: string;
  limits: Limit[];
  onSave: (limits: Limit[]) => Promise<unknown>;
}

/**
 * Limits of a key or a customer (contract §6): metric, window, warn and block thresholds. Errors
 * the API reports for `limits.N...` are shown on row N.
 */
export function LimitsEditor({ label, limits, onSave }: LimitsEditorProps) {
  const [drafts, setDrafts] = useState<LimitDraft[]>(() => limits.map(toDraft));
  const submission = useSubmit();
  useEffect(() => setDrafts(limits.map(toDraft)), [limits]);

  const update = (index: number, change: Partial<LimitDraft>) => {
    submission.reset();
    setDrafts((current) => current.map((draft, position) => (position === index ? { ...draft, ...change } : draft)));
  };
  const remove = (index: number) => {
    submission.reset();
    setDrafts((current) => current.filter((_draft, position) => position !== index));
  };
  const add = () => {
    submission.reset();
    setDrafts((current) => [...current, { metric: 'requests', window: 'day', warn_at: '', block_at: '' }]);
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void submission.run(() => onSave(drafts.map(fromDraft)));
  };

  return (
    <form className="limits-editor" onSubmit={save} aria-label={label} noValidate>
      {drafts.length === 0 && <p className="muted">No limits.</p>}
      {drafts.length > 0 && (
        <table className="compact-table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Window</th>
              <th scope="col">Warn at</th>
              <th scope="col">Block at</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((draft, index) => {
              const rowErrors = submission.error?.messagesFor(`limits.${index}`) ?? [];
              const rowName = `limit ${index + 1}`;
              return (
                <tr key={index} aria-invalid={rowErrors.length > 0 || undefined}>
                  <td>
                    <select aria-label={`Metric of ${rowName}`} value={draft.metric} onChange={(event) => update(index, { metric: event.target.value as LimitMetric })}>
                      {metrics.map((metric) => (
                        <option key={metric}>{metric}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={`Window of ${rowName}`} value={draft.window} onChange={(event) => update(index, { window: event.target.value as LimitWindow })}>
                      {windows.map((window) => (
                        <option key={window}>{window}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input aria-label={`Warn at, ${rowName}`} type="number" min="0" step="any" inputMode="decimal" value={draft.warn_at} onChange={(event) => update(index, { warn_at: event.target.value })} />
                  </td>
                  <td>
                    <input aria-label={`Block at, ${rowName}`} type="number" min="0" step="any" inputMode="decimal" value={draft.block_at} onChange={(event) => update(index, { block_at: event.target.value })} />
                    {rowErrors.length > 0 && <p className="field-error">{rowErrors.join(' ')}</p>}
                  </td>
                  <td>
                    <button type="button" className="quiet" onClick={() => remove(index)} aria-label={`Remove ${rowName}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="form-actions">
        <button type="button" onClick={add}>
          Add limit
        </button>
        <button type="submit" className="primary" disabled={submission.pending}>
          Save limits
        </button>
        <SaveStatus submission={submission} savedText="Limits saved" />
      </div>
    </form>
  );
}

function toDraft(limit: Limit): LimitDraft {
  return { metric: limit.metric, window: limit.window, warn_at: limit.warn_at?.toString() ?? '', block_at: limit.block_at?.toString() ?? '' };
}

function fromDraft(draft: LimitDraft): Limit {
  return {
    metric: draft.metric,
    window: draft.window,
    ...(draft.warn_at.trim() !== '' && { warn_at: Number(draft.warn_at) }),
    ...(draft.block_at.trim() !== '' && { block_at: Number(draft.block_at) }),
  };
}
