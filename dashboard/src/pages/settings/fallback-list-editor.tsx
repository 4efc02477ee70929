import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent, type Announcements } from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useId, useState, type FormEvent } from 'react';
import { useSubmit } from '../../api/use-submit.ts';
import { SaveStatus } from '../../components/save-status.tsx';
import { SortableModelItem } from './sortable-model-item.tsx';

interface FallbackListEditorProps {
  models: string[];
  /** Model names for the "add" suggestions. */
  knownModels: string[];
  onSave: (models: string[]) => Promise<unknown>;
}

const instructions = {
  draggable: 'To reorder, press Space or Enter on a handle, move with the arrow keys, then press Space or Enter to drop, or Escape to cancel.',
};

/** The platform fallback list (contract §4), tried in order: reordered by dragging, then saved. */
export function FallbackListEditor({ models: initial, knownModels, onSave }: FallbackListEditorProps) {
  const [models, setModels] = useState(initial);
  const [candidate, setCandidate] = useState('');
  const [addError, setAddError] = useState<string>();
  const submission = useSubmit();
  const listId = useId();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const dirty = models.join('\n') !== initial.join('\n');
  const position = (id: unknown) => models.indexOf(String(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${active.id}, position ${position(active.id)} of ${models.length}.`,
    onDragOver: ({ active, over }) => (over ? `${active.id} is over position ${position(over.id)}.` : `${active.id} is no longer over the list.`),
    onDragEnd: ({ active, over }) => (over ? `${active.id} dropped at position ${position(over.id)}.` : `${active.id} dropped.`),
    onDragCancel: ({ active }) => `Moving ${active.id} was cancelled.`,
  };

  const reorder = ({ active, over }: DragEndEvent) => {
    if (over === null || active.id === over.id) return;
    submission.reset();
    setModels((current) => arrayMove(current, current.indexOf(String(active.id)), current.indexOf(String(over.id))));
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    const model = candidate.trim();
    if (model === '') return;
    if (models.includes(model)) return setAddError(`${model} is already in the list.`);
    setAddError(undefined);
    submission.reset();
    setModels((current) => [...current, model]);
    setCandidate('');
  };

  return (
    <div className="fallback-editor">
      {models.length === 0 ? (
        <p className="muted">No platform fallbacks: a failing model returns its error.</p>
      ) : (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={reorder} accessibility={{ announcements, screenReaderInstructions: instructions }}>
          <SortableContext items={models} strategy={verticalListSortingStrategy}>
            <ol className="sortable-list" aria-label="Fallback models, in order">
              {models.map((model, index) => (
                <SortableModelItem key={model} model={model} position={index + 1} onRemove={() => setModels((current) => current.filter((other) => other !== model))} />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
      )}
      {(submission.error?.messagesFor('fallback_models').length ?? 0) > 0 && <p className="field-error">{submission.error?.messagesFor('fallback_models').join(' ')}</p>}
      <form className="add-model-form" onSubmit={add} aria-label="Add a fallback model">
        <label htmlFor={`${listId}-input`}>Add a model</label>
        <div className="input-with-button">
          <input id={`${listId}-input`} list={`${listId}-models`} value={candidate} onChange={(event) => setCandidate(event.target.value)} placeholder="e.g. claude-sonnet-4-20250514" aria-invalid={addError !== undefined || undefined} />
          <button type="submit">Add</button>
        </div>
        <datalist id={`${listId}-models`}>
          {knownModels.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>
        {addError !== undefined && <p className="field-error">{addError}</p>}
      </form>
      <div className="form-actions">
        <button type="button" className="primary" disabled={submission.pending || !dirty} onClick={() => void submission.run(() => onSave(models))}>
          Save order
        </button>
        {dirty && <span className="muted">Unsaved changes</span>}
        <SaveStatus submission={submission} savedText="Fallback order saved" />
      </div>
    </div>
  );
}
