import { useState, type FormEvent } from 'react';
import type { User } from '../../api/types.ts';
import { useSubmit } from '../../api/use-submit.ts';
import { FormField } from '../../components/form-field.tsx';
import { SaveStatus } from '../../components/save-status.tsx';

/** A customer's display name and email. */
export function UserProfileForm({ user, onSave }: { user: User; onSave: (change: { name: string | null; email: string | null }) => Promise<unknown> }) {
  const [name, setName] = useState(user.name ?? '');
  const [email, setEmail] = useState(user.email ?? '');
  const submission = useSubmit();
  const save = (event: FormEvent) => {
    event.preventDefault();
    void submission.run(() => onSave({ name: name.trim() === '' ? null : name.trim(), email: email.trim() === '' ? null : email.trim() }));
  };
  return (
    <form className="inline-form" onSubmit={save} aria-label="Customer profile">
      <FormField label="Name" errors={submission.error?.messagesFor('name')}>
        {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} />}
      </FormField>
      <FormField label="Email" errors={submission.error?.messagesFor('email')}>
        {(control) => <input {...control} type="email" value={email} onChange={(event) => setEmail(event.target.value)} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" disabled={submission.pending}>
          Save profile
        </button>
        <SaveStatus submission={submission} />
      </div>
    </form>
  );
}
