import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { LoadBalanceGroup } from '../../api/types.ts';
import { useSubmit } from '../../api/use-submit.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { SaveStatus } from '../../components/save-status.tsx';
import { GroupMembersEditor, membersToWire, type MemberDraft } from './group-members-editor.tsx';

interface LoadBalanceGroupCardProps {
  group: LoadBalanceGroup;
  modelListId: string;
  onChanged: () => void;
}

/**
 * One stored group. Saving sends the members without credentials, which the API reads as "keep
 * this member's stored credentials" (they are write-only and never come back).
 */
export function LoadBalanceGroupCard({ group, modelListId, onChanged }: LoadBalanceGroupCardProps) {
  const api = useApi();
  const [members, setMembers] = useState<MemberDraft[]>(() => group.models.map((member) => ({ model: member.model, weight: String(member.weight), credentialFields: member.credentials?.secrets_set ?? [] })));
  const submission = useSubmit();
  const readOnly = group.source === 'config';
  const path = `/api/load-balance-groups/${encodeURIComponent(group.group_id)}/`;

  return (
    <article className="panel" aria-labelledby={`group-${group.group_id}`} data-group={group.group_id}>
      <header className="card-header">
        <h2 id={`group-${group.group_id}`}>
          <code>{group.group_id}</code>
        </h2>
        {readOnly ? <span className="badge badge-muted">from the config file (read-only)</span> : <ConfirmButton label={`Delete group ${group.group_id}`} confirmLabel="Confirm delete" onConfirm={() => void submission.run(async () => { await api.delete(path); onChanged(); })} />}
      </header>
      <GroupMembersEditor groupLabel={group.group_id} members={members} onChange={(next) => { submission.reset(); setMembers(next); }} readOnly={readOnly} error={submission.error} modelListId={modelListId} />
      {!readOnly && (
        <div className="form-actions">
          <button type="button" className="primary" disabled={submission.pending} onClick={() => void submission.run(() => api.patch(path, { models: membersToWire(members) }))}>
            Save weights
          </button>
          <SaveStatus submission={submission} />
        </div>
      )}
    </article>
  );
}
