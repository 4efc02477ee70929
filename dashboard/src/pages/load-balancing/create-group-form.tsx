import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useSubmit } from '../../api/use-submit.ts';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { FormField } from '../../components/form-field.tsx';
import { GroupMembersEditor, membersToWire, type MemberDraft } from './group-members-editor.tsx';

const emptyMembers = (): MemberDraft[] => [{ model: '', weight: '1', credentialFields: [] }];

export function CreateGroupForm({ modelListId, onCreated }: { modelListId: string; onCreated: () => void }) {
  const api = useApi();
  const [groupId, setGroupId] = useState('');
  const [members, setMembers] = useState<MemberDraft[]>(emptyMembers);
  const submission = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submission.run(async () => {
      await api.post('/api/load-balance-groups/', { group_id: groupId.trim(), models: membersToWire(members) });
      setGroupId('');
      setMembers(emptyMembers());
      onCreated();
    });
  };
  const modelsMessages = submission.error?.fieldErrors.models ?? [];
  return (
    <form onSubmit={submit} aria-label="Create a load-balance group" className="stacked-form">
      <FormField label="Group id" hint="Requests pick it with load_balance_group: {group_id}." errors={submission.error?.messagesFor('group_id')}>
        {(control) => <input {...control} value={groupId} onChange={(event) => setGroupId(event.target.value)} />}
      </FormField>
      <GroupMembersEditor groupLabel="the new group" members={members} onChange={setMembers} readOnly={false} error={submission.error} modelListId={modelListId} />
      {modelsMessages.length > 0 && <p className="field-error">{modelsMessages.join(' ')}</p>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submission.pending}>
          Create group
        </button>
      </div>
      {submission.error !== undefined && Object.keys(submission.error.fieldErrors).length === 0 && <ErrorBanner error={submission.error} title="Not created" />}
    </form>
  );
}
