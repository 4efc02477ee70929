import { useEffect, useRef, useState } from 'react';
import type { CreatedApiKey } from '../../api/types.ts';

/** The new key, shown this once: the gateway keeps only its hash. */
export function CreatedKeyNotice({ created, onDismiss }: { created: CreatedApiKey; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [created.id]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <section className="created-key" aria-labelledby="created-key-heading">
      <h2 id="created-key-heading" ref={headingRef} tabIndex={-1}>
        Key “{created.name}” created
      </h2>
      <p>Copy it now: it will not be shown again.</p>
      <div className="input-with-button">
        <input readOnly value={created.key} aria-label={`API key ${created.name}`} className="secret-value" onFocus={(event) => event.target.select()} />
        <button type="button" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <button type="button" className="quiet" onClick={onDismiss}>
        I have stored it
      </button>
    </section>
  );
}
