import { useEffect, useRef, type ReactNode } from 'react';
import type { LogRecord } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { formatCost, formatNumber, formatSeconds, formatTimestamp } from '../../components/format.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { Link } from '../../routing/link.tsx';
import { userPath } from '../../routing/match-route.ts';
import { AttemptsTree } from './attempts-tree.tsx';
import { ConversationView } from './conversation-view.tsx';
import { MetadataTable } from './metadata-table.tsx';

interface LogDetailPanelProps {
  logId: string;
  onClose: () => void;
  onFilterMetadata?: (key: string, value: string) => void;
}

/** One log: summary, the conversation, the attempts tree, metadata and the raw JSON. */
export function LogDetailPanel({ logId, onClose, onFilterMetadata }: LogDetailPanelProps) {
  const log = useApiData(logId, (api, signal) => api.get<LogRecord>(`/api/request-logs/${encodeURIComponent(logId)}/`, undefined, signal));
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', closeOnEscape);
    return () => window.removeEventListener('keydown', closeOnEscape);
  }, [logId, onClose]);

  return (
    <section className="detail-panel" aria-labelledby="log-detail-heading">
      <header className="detail-header">
        <h2 id="log-detail-heading" ref={headingRef} tabIndex={-1}>
          Log detail
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <LoadingState {...log}>
        {(record) => (
          <>
            <LogSummary log={record} />
            <h3>Conversation</h3>
            <ConversationView prompt={record.prompt_messages} completion={record.completion_message} />
            <h3>Attempts</h3>
            <AttemptsTree attempts={record.attempts} />
            <h3>Metadata</h3>
            <MetadataTable metadata={record.metadata} onFilter={onFilterMetadata} />
            <details className="raw-json">
              <summary>Raw JSON</summary>
              <pre>{JSON.stringify(record, null, 2)}</pre>
            </details>
          </>
        )}
      </LoadingState>
    </section>
  );
}

function LogSummary({ log }: { log: LogRecord }) {
  const rows: Array<[string, ReactNode]> = [
    ['Time', formatTimestamp(log.timestamp)],
    ['Status', <StatusBadge status={log.status} code={log.status_code} />],
    ['Model', log.model],
    ['Provider', [log.provider_id, log.deployment_name].filter(Boolean).join(' · ') || '—'],
    ['Latency', formatSeconds(log.latency)],
    ['Time to first token', formatSeconds(log.time_to_first_token)],
    ['Tokens', `${formatNumber(log.prompt_tokens)} in · ${formatNumber(log.completion_tokens)} out`],
    ['Cost', formatCost(log.cost)],
    ['Customer', log.customer_identifier === null ? '—' : <Link to={userPath(log.customer_identifier)}>{log.customer_identifier}</Link>],
    ['API key', log.api_key ?? '—'],
    ['Type', `${log.log_type}${log.stream ? ', streamed' : ''}${log.cache_hit ? ', cache hit' : ''}`],
    ['Thread', log.thread_identifier ?? '—'],
    ['Log id', <code>{log.unique_id}</code>],
  ];
  return (
    <>
      {log.error_message !== null && (
        <p className="error-banner" role="note">
          {log.error_message}
        </p>
      )}
      <dl className="summary-grid">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
