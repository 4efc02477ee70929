import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { ApiKey, CreatedApiKey, KeyScope, Page } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmit } from '../../api/use-submit.ts';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ApiKeysTable } from './api-keys-table.tsx';
import { CreateKeyForm } from './create-key-form.tsx';
import { CreatedKeyNotice } from './created-key-notice.tsx';

/** Gateway API keys: create (the key is shown once), change scope, revoke. */
export function ApiKeysPage() {
  const api = useApi();
  const keys = useApiData('api-keys', (client, signal) => client.get<Page<ApiKey>>('/api/api-keys/', undefined, signal));
  const [created, setCreated] = useState<CreatedApiKey>();
  const change = useSubmit();

  const changeScope = (key: ApiKey, scope: KeyScope) =>
    void change.run(async () => {
      await api.patch(`/api/api-keys/${key.id}/`, { scope });
      keys.reload();
    });
  const revoke = (key: ApiKey) =>
    void change.run(async () => {
      await api.delete(`/api/api-keys/${key.id}/`);
      keys.reload();
    });

  return (
    <>
      <PageHeader title="API keys" description="Keys your applications use to call the gateway. Only a hash is stored: a key is shown once, when created." />
      <section className="panel" aria-labelledby="create-key-heading">
        <h2 id="create-key-heading">Create a key</h2>
        <CreateKeyForm
          onCreated={(key) => {
            setCreated(key);
            keys.reload();
          }}
        />
      </section>
      {created !== undefined && <CreatedKeyNotice created={created} onDismiss={() => setCreated(undefined)} />}
      <ErrorBanner error={change.error} title="Not changed" />
      <LoadingState {...keys}>{(data) => <ApiKeysTable keys={data.results} onScopeChange={changeScope} onRevoke={revoke} />}</LoadingState>
    </>
  );
}
