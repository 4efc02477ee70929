import { useState, type FormEvent } from 'react';
import type { Settings } from '../../api/types.ts';
import { useSubmit } from '../../api/use-submit.ts';
import { FormField } from '../../components/form-field.tsx';
import { SaveStatus } from '../../components/save-status.tsx';

/** Where limit warnings go: a Slack-compatible webhook and e-mail over SMTP. */
export function AlertsForm({ alerts, onSave }: { alerts: Settings['alerts']; onSave: (patch: unknown) => Promise<unknown> }) {
  const [webhook, setWebhook] = useState(alerts.slack_webhook_url ?? '');
  const [emailOn, setEmailOn] = useState(alerts.email !== null);
  const [smtpUrl, setSmtpUrl] = useState(alerts.email?.smtp_url ?? '');
  const [from, setFrom] = useState(alerts.email?.from ?? '');
  const [to, setTo] = useState(alerts.email?.to.join(', ') ?? '');
  const submission = useSubmit();
  const errors = (field: string) => submission.error?.messagesFor(`alerts.${field}`);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const recipients = to.split(',').map((address) => address.trim()).filter((address) => address !== '');
    const email = emailOn ? { smtp_url: smtpUrl.trim(), from: from.trim(), to: recipients } : null;
    void submission.run(() => onSave({ alerts: { slack_webhook_url: webhook.trim() === '' ? null : webhook.trim(), email } }));
  };

  return (
    <form onSubmit={save} aria-label="Alerts" className="stacked-form" noValidate>
      <FormField label="Slack webhook URL" hint="Empty turns webhook alerts off." errors={errors('slack_webhook_url')}>
        {(control) => <input {...control} type="url" value={webhook} onChange={(event) => setWebhook(event.target.value)} placeholder="https://hooks.slack.com/services/…" />}
      </FormField>
      <div className="checkbox-field">
        <input id="email-alerts" type="checkbox" checked={emailOn} onChange={(event) => setEmailOn(event.target.checked)} />
        <label htmlFor="email-alerts">Send alerts by e-mail</label>
      </div>
      {emailOn && (
        <>
          <FormField label="SMTP URL" hint="A password shown masked is kept unless you type a new URL." errors={errors('email.smtp_url')}>
            {(control) => <input {...control} value={smtpUrl} onChange={(event) => setSmtpUrl(event.target.value)} placeholder="smtp://user:password@host:587" />}
          </FormField>
          <FormField label="From" errors={errors('email.from')}>
            {(control) => <input {...control} value={from} onChange={(event) => setFrom(event.target.value)} />}
          </FormField>
          <FormField label="To" hint="Comma-separated addresses." errors={errors('email.to')}>
            {(control) => <input {...control} value={to} onChange={(event) => setTo(event.target.value)} />}
          </FormField>
        </>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submission.pending}>
          Save alerts
        </button>
        <SaveStatus submission={submission} />
      </div>
    </form>
  );
}
