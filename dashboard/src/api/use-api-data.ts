import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from './api-client.ts';
import { useApi } from './api-context.tsx';

export interface ApiData<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
  /** Replaces the data in place, after a write that returned the new value. */
  setData: (data: T) => void;
}

/**
 * Loads data with the API client whenever `key` changes (a string of everything the load depends
 * on); a newer load aborts the one in flight, so a slow answer never overwrites a newer one.
 */
export function useApiData<T>(key: string, load: (api: ApiClient, signal: AbortSignal) => Promise<T>): ApiData<T> {
  const api = useApi();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    loadRef.current(api, controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [api, key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload, setData };
}
