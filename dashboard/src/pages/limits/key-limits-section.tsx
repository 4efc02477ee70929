import { useApi } from '../../api/api-context.tsx';
import type { ApiKey, Limit, Page } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { LimitsEditor } from '../../components/limits-editor.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { describeLimits } from './describe-limits.ts';

/** Limits of each active API key, edited in place. */
export function KeyLimitsSection() {
  const api = useApi();
  const keys = useApiData('api-keys', (client, signal) => client.get<Page<ApiKey>>('/api/api-keys/', undefined, signal));
  const save = async (key: ApiKey, limits: Limit[]) => {
    await api.patch(`/api/api-keys/${key.id}/`, { limits });
    keys.reload();
  };
  return (
    <section aria-labelledby="key-limits-heading">
      <h2 id="key-limits-heading">Per API key</h2>
      <LoadingState {...keys}>
        {(data) => {
          const active = data.results.filter((key) => key.is_active);
          if (active.length === 0) return <p className="empty-state">No active keys.</p>;
          return (
            <ul className="limit-cards">
              {active.map((key) => (
                <li key={key.id} className="panel" data-key-name={key.name}>
                  <details open={key.limits.length > 0}>
                    <summary>
                      <strong>{key.name}</strong> <span className="muted">({key.scope})</span> — {describeLimits(key.limits)}
                    </summary>
                    <LimitsEditor label={`Limits of key ${key.name}`} limits={key.limits} onSave={(limits) => save(key, limits)} />
                  </details>
                </li>
              ))}
            </ul>
          );
        }}
      </LoadingState>
    </section>
  );
}
