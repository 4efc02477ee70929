import type { ReactNode } from 'react';
import { ErrorBanner } from './error-banner.tsx';

interface LoadingStateProps<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  children: (data: T) => ReactNode;
}

/** Shows a loading line until the data arrives, the error if it fails, then the content. */
export function LoadingState<T>({ data, error, loading, children }: LoadingStateProps<T>) {
  if (error !== undefined) return <ErrorBanner error={error} title="Could not load" />;
  if (data === undefined) return loading ? <p className="muted" role="status">Loading…</p> : null;
  return <>{children(data)}</>;
}
