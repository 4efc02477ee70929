import { useCallback, useState } from 'react';
import { ApiError } from './api-error.ts';

export interface Submission {
  pending: boolean;
  /** The last failure: its `messagesFor(field)` feeds the field it concerns. */
  error: ApiError | undefined;
  /** Set after a success until the next submit, for a "Saved" notice. */
  succeeded: boolean;
  run: (action: () => Promise<unknown>) => Promise<boolean>;
  reset: () => void;
}

/** Runs one write at a time and keeps its outcome for the form that started it. */
export function useSubmit(): Submission {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [succeeded, setSucceeded] = useState(false);

  const run = useCallback(async (action: () => Promise<unknown>) => {
    setPending(true);
    setError(undefined);
    setSucceeded(false);
    try {
      await action();
      setSucceeded(true);
      return true;
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError({ status: 0, detail: failure instanceof Error ? failure.message : String(failure) }));
      return false;
    } finally {
      setPending(false);
    }
  }, []);

  const reset = useCallback(() => {
    setError(undefined);
    setSucceeded(false);
  }, []);

  return { pending, error, succeeded, run, reset };
}
