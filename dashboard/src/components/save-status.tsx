import type { Submission } from '../api/use-submit.ts';
import { ErrorBanner } from './error-banner.tsx';

/** The outcome of a form's last submit: "Saved" in a polite live region, or the API's error. */
export function SaveStatus({ submission, savedText = 'Saved' }: { submission: Submission; savedText?: string }) {
  return (
    <>
      <span className="save-status" role="status">
        {submission.succeeded ? savedText : ''}
      </span>
      <ErrorBanner error={submission.error} title="Not saved" />
    </>
  );
}
