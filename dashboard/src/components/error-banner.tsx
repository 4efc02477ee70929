interface ErrorBannerProps {
  error: Error | undefined;
  /** Lead-in, e.g. "Could not save". */
  title?: string;
}

/** An error that concerns the whole form or page (field errors sit next to their field). */
export function ErrorBanner({ error, title }: ErrorBannerProps) {
  if (error === undefined) return null;
  return (
    <div className="error-banner" role="alert">
      {title !== undefined && <strong>{title}: </strong>}
      {error.message}
    </div>
  );
}
