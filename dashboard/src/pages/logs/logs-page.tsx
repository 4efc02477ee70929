import { PageHeader } from '../../components/page-header.tsx';
import { LogsExplorer } from './logs-explorer.tsx';

export function LogsPage() {
  return (
    <>
      <PageHeader title="Logs" description="Every request through the gateway: filter on any field or metadata key, open one for its conversation and attempts." />
      <LogsExplorer />
    </>
  );
}
