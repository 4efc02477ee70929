import { useApi } from '../../api/api-context.tsx';
import type { CatalogModel, Page, Settings } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { AlertsForm } from './alerts-form.tsx';
import { CacheForm } from './cache-form.tsx';
import { FallbackListEditor } from './fallback-list-editor.tsx';
import { RetriesForm } from './retries-form.tsx';

/** Platform settings (`/api/settings/`): what is set here overrides the config file. */
export function SettingsPage() {
  const api = useApi();
  const settings = useApiData('settings', (client, signal) => client.get<Settings>('/api/settings/', undefined, signal));
  const catalog = useApiData('catalog', (client, signal) => client.get<Page<CatalogModel>>('/api/models/public', undefined, signal));
  const knownModels = [...new Set((catalog.data?.results ?? []).map((model) => model.model_name))].sort();
  const save = async (patch: unknown) => settings.setData(await api.patch<Settings>('/api/settings/', patch));

  return (
    <>
      <PageHeader title="Settings" description="Platform-wide fallbacks, retries, cache, alerts and retention. A change applies to the next request, on every replica." />
      <LoadingState {...settings}>
        {(data) => (
          <>
            {data.api_overrides.length > 0 && (
              <p className="notice">
                Set from the dashboard, overriding the config file: <code>{data.api_overrides.join(', ')}</code>
              </p>
            )}
            <div className="settings-grid">
              <section className="panel" aria-labelledby="fallbacks-heading">
                <h2 id="fallbacks-heading">Fallback models</h2>
                <p className="hint">Tried in order when a request's model fails (error, 429, timeout) and the request names no fallbacks of its own. Drag to reorder.</p>
                <FallbackListEditor models={data.fallback_models} knownModels={knownModels} onSave={(models) => save({ fallback_models: models })} />
              </section>
              <section className="panel" aria-labelledby="retries-heading">
                <h2 id="retries-heading">Retries</h2>
                <RetriesForm retries={data.retries} onSave={save} />
              </section>
              <section className="panel" aria-labelledby="cache-heading">
                <h2 id="cache-heading">Cache and retention</h2>
                <CacheForm settings={data} onSave={save} />
              </section>
              <section className="panel" aria-labelledby="alerts-heading">
                <h2 id="alerts-heading">Alerts</h2>
                <AlertsForm alerts={data.alerts} onSave={save} />
              </section>
            </div>
          </>
        )}
      </LoadingState>
    </>
  );
}
