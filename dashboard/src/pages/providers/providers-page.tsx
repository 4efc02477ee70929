import type { Page, ProviderEntry } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { AddProviderForm } from './add-provider-form.tsx';
import { DeploymentsSection } from './deployments-section.tsx';
import { ProviderCard } from './provider-card.tsx';

/** Provider credentials and base URLs, and deployments: secrets go in, never come out. */
export function ProvidersPage() {
  const providers = useApiData('providers', (client, signal) => client.get<Page<ProviderEntry>>('/api/providers/', undefined, signal));
  return (
    <>
      <PageHeader title="Providers" description="Credentials are encrypted at rest and write-only: the dashboard shows which are set, never their values." />
      <div className="two-columns wide-first">
        <section aria-labelledby="providers-heading">
          <h2 id="providers-heading">Configured providers</h2>
          <LoadingState {...providers}>
            {(data) => (
              <div className="card-list">
                {data.results.length === 0 && <p className="empty-state">No provider has credentials yet.</p>}
                {data.results.map((provider) => (
                  <ProviderCard key={provider.provider_id} provider={provider} onChanged={providers.reload} />
                ))}
              </div>
            )}
          </LoadingState>
        </section>
        <section className="panel" aria-labelledby="add-provider-heading">
          <h2 id="add-provider-heading">Add or replace credentials</h2>
          <AddProviderForm onSaved={providers.reload} />
        </section>
      </div>
      <DeploymentsSection />
    </>
  );
}
