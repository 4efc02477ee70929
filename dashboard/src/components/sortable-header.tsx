export interface SortState {
  field: string;
  descending: boolean;
}

/** The API's `sort_by`: the field, `-` first for descending. */
export function toSortBy(sort: SortState): string {
  return `${sort.descending ? '-' : ''}${sort.field}`;
}

interface SortableHeaderProps {
  field: string;
  label: string;
  numeric?: boolean;
  sort: SortState;
  onSortChange: (sort: SortState) => void;
}

/** A column header that sorts by its field; a second press reverses the order. */
export function SortableHeader({ field, label, numeric, sort, onSortChange }: SortableHeaderProps) {
  const active = sort.field === field;
  const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={numeric ? 'numeric' : undefined}>
      <button type="button" className="sort-button" onClick={() => onSortChange({ field, descending: active ? !sort.descending : true })}>
        {label}
        <span aria-hidden="true" className="sort-indicator">
          {active ? (sort.descending ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}
