import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';

interface SortableModelItemProps {
  model: string;
  position: number;
  onRemove: () => void;
}

/**
 * One fallback model. The handle is the drag source for pointers and, focused, for the keyboard:
 * Space or Enter picks it up, the arrow keys move it, Space or Enter drops it, Escape cancels.
 */
export function SortableModelItem({ model, position, onRemove }: SortableModelItemProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: model });
  return (
    <li ref={setNodeRef} className={isDragging ? 'sortable-item dragging' : 'sortable-item'} style={{ transform: CSS.Transform.toString(transform), transition }} data-model={model}>
      <button type="button" className="drag-handle" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={`Move ${model}, position ${position}`}>
        <span aria-hidden="true">⠿</span>
      </button>
      <span className="sortable-position" aria-hidden="true">
        {position}.
      </span>
      <code className="sortable-label">{model}</code>
      <button type="button" className="quiet" onClick={onRemove} aria-label={`Remove ${model}`}>
        Remove
      </button>
    </li>
  );
}
