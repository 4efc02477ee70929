import type { ApiError } from '../../api/api-error.ts';
import { formatPercent } from '../../components/format.ts';

export interface MemberDraft {
  model: string;
  weight: string;
  /** Names of the member's stored credential fields (write-only, kept on save). */
  credentialFields: string[];
}

interface GroupMembersEditorProps {
  groupLabel: string;
  members: MemberDraft[];
  onChange: (members: MemberDraft[]) => void;
  readOnly: boolean;
  error: ApiError | undefined;
  modelListId: string;
}

/** A group's models and weights, with each one's share of the traffic. */
export function GroupMembersEditor({ groupLabel, members, onChange, readOnly, error, modelListId }: GroupMembersEditorProps) {
  const total = members.reduce((sum, member) => sum + (Number(member.weight) > 0 ? Number(member.weight) : 0), 0);
  const update = (index: number, change: Partial<MemberDraft>) => onChange(members.map((member, position) => (position === index ? { ...member, ...change } : member)));
  return (
    <>
      <table className="compact-table">
        <caption className="visually-hidden">Models of {groupLabel}</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Weight</th>
            <th scope="col">Share</th>
            <th scope="col">Credentials</th>
            {!readOnly && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {members.map((member, index) => {
            const rowErrors = error?.messagesFor(`models.${index}`) ?? [];
            const weight = Number(member.weight);
            return (
              <tr key={index}>
                <td>
                  <input aria-label={`Model ${index + 1} of ${groupLabel}`} list={modelListId} value={member.model} readOnly={readOnly} onChange={(event) => update(index, { model: event.target.value })} />
                  {rowErrors.length > 0 && <p className="field-error">{rowErrors.join(' ')}</p>}
                </td>
                <td>
                  <input aria-label={`Weight of model ${index + 1} of ${groupLabel}`} className="narrow-input" type="number" min="0" step="any" value={member.weight} readOnly={readOnly} onChange={(event) => update(index, { weight: event.target.value })} />
                </td>
                <td className="numeric">
                  <span className="share-bar" aria-hidden="true" style={{ width: `${total > 0 && weight > 0 ? (weight / total) * 100 : 0}%` }} />
                  {total > 0 && weight > 0 ? formatPercent(weight / total) : '—'}
                </td>
                <td>{member.credentialFields.length === 0 ? <span className="muted">provider's</span> : `own (${member.credentialFields.join(', ')} set)`}</td>
                {!readOnly && (
                  <td>
                    <button type="button" className="quiet" aria-label={`Remove model ${index + 1} of ${groupLabel}`} onClick={() => onChange(members.filter((_member, position) => position !== index))}>
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {!readOnly && (
        <button type="button" onClick={() => onChange([...members, { model: '', weight: '1', credentialFields: [] }])}>
          Add model
        </button>
      )}
    </>
  );
}

export function membersToWire(members: MemberDraft[]): Array<{ model: string; weight: number }> {
  return members.map((member) => ({ model: member.model.trim(), weight: Number(member.weight) }));
}
