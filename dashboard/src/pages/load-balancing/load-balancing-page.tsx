import { useId } from 'react';
import type { CatalogModel, LoadBalanceGroup, Page } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { CreateGroupForm } from './create-group-form.tsx';
import { LoadBalanceGroupCard } from './load-balance-group-card.tsx';

/** Load-balance groups: named sets of models a request is spread over by weight. */
export function LoadBalancingPage() {
  const modelListId = useId();
  const groups = useApiData('load-balance-groups', (client, signal) => client.get<Page<LoadBalanceGroup>>('/api/load-balance-groups/', undefined, signal));
  const catalog = useApiData('catalog', (client, signal) => client.get<Page<CatalogModel>>('/api/models/public', undefined, signal));
  const modelNames = [...new Set((catalog.data?.results ?? []).map((model) => model.model_name))].sort();

  return (
    <>
      <PageHeader title="Load balancing" description="Each request to a group goes to one of its models, chosen by weight; a failing model's traffic moves to the others." />
      <datalist id={modelListId}>
        {modelNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <LoadingState {...groups}>
        {(data) => (
          <div className="card-list">
            {data.results.length === 0 && <p className="empty-state">No groups yet.</p>}
            {data.results.map((group) => (
              <LoadBalanceGroupCard key={`${group.group_id}:${JSON.stringify(group.models)}`} group={group} modelListId={modelListId} onChanged={groups.reload} />
            ))}
          </div>
        )}
      </LoadingState>
      <section className="panel" aria-labelledby="create-group-heading">
        <h2 id="create-group-heading">New group</h2>
        <CreateGroupForm modelListId={modelListId} onCreated={groups.reload} />
      </section>
    </>
  );
}
