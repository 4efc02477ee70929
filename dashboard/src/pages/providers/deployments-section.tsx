import { useApi } from '../../api/api-context.tsx';
import type { Deployment, Page } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmit } from '../../api/use-submit.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { DeploymentForm } from './deployment-form.tsx';

/** Extra credentials for a provider, load-balanced by weight among the provider's own. */
export function DeploymentsSection() {
  const api = useApi();
  const deployments = useApiData('deployments', (client, signal) => client.get<Page<Deployment>>('/api/deployments/', undefined, signal));
  const removal = useSubmit();
  const path = (deployment: Deployment) => `/api/deployments/${encodeURIComponent(deployment.name)}/`;

  return (
    <section aria-labelledby="deployments-heading">
      <h2 id="deployments-heading">Deployments</h2>
      <ErrorBanner error={removal.error} title="Not deleted" />
      <LoadingState {...deployments}>
        {(data) => (
          <ul className="card-list">
            {data.results.length === 0 && <li className="empty-state">No deployments.</li>}
            {data.results.map((deployment) => (
              <li key={deployment.name} className="panel" data-deployment={deployment.name}>
                <details>
                  <summary>
                    <strong>{deployment.name}</strong> · {deployment.provider} · weight {deployment.weight} · {deployment.available_models?.join(', ') ?? 'all models'}
                    {typeof deployment.settings.base_url === 'string' && <span className="muted"> · {deployment.settings.base_url}</span>}
                    {deployment.source === 'config' && <span className="badge badge-muted">config file</span>}
                  </summary>
                  {deployment.source === 'config' ? (
                    <p className="hint">Defined in the config file: change it there. Secrets set: {deployment.secrets_set.join(', ') || 'none'}.</p>
                  ) : (
                    <>
                      <DeploymentForm
                        deployment={deployment}
                        onSubmit={async (body) => {
                          await api.patch(path(deployment), body);
                          deployments.reload();
                        }}
                      />
                      <ConfirmButton
                        label={`Delete ${deployment.name}`}
                        confirmLabel="Confirm delete"
                        onConfirm={() =>
                          void removal.run(async () => {
                            await api.delete(path(deployment));
                            deployments.reload();
                          })
                        }
                      />
                    </>
                  )}
                </details>
              </li>
            ))}
          </ul>
        )}
      </LoadingState>
      <div className="panel">
        <h3>New deployment</h3>
        <DeploymentForm
          onSubmit={async (body) => {
            await api.post('/api/deployments/', body);
            deployments.reload();
          }}
        />
      </div>
    </section>
  );
}
