import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import { filterFields, findFilterField, metadataField, operatorLabels, operatorsFor, type FilterOperator } from './log-filter-fields.ts';
import { newFilterRow, type FilterRow } from './log-filter-rows.ts';

interface LogFilterBuilderProps {
  applied: FilterRow[];
  onApply: (rows: FilterRow[]) => void;
  /** The API's answer to the last filters: its `filters` messages are shown here. */
  error: ApiError | undefined;
}

/** Filters on any log field or metadata key; edited here, applied to the table on submit. */
export function LogFilterBuilder({ applied, onApply, error }: LogFilterBuilderProps) {
  const [rows, setRows] = useState<FilterRow[]>(applied);
  const filterErrors = error?.messagesFor('filters') ?? [];

  const update = (id: number, change: Partial<FilterRow>) =>
    setRows((current) => current.map((row) => (row.id === id ? { ...row, ...change } : row)));
  const changeField = (id: number, field: string) => update(id, { field, operator: operatorsFor(field)[0], value: '', metadataKey: '' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(rows);
  };

  return (
    <form className="filter-builder" onSubmit={submit} aria-label="Log filters">
      {rows.length === 0 && <p className="muted">No filters: every log in the period is shown.</p>}
      <ul className="filter-rows">
        {rows.map((row, index) => (
          <FilterRowEditor key={row.id} row={row} position={index + 1} onChange={(change) => update(row.id, change)} onFieldChange={(field) => changeField(row.id, field)} onRemove={() => setRows((current) => current.filter((candidate) => candidate.id !== row.id))} />
        ))}
      </ul>
      {filterErrors.length > 0 && (
        <p className="field-error" role="alert">
          {filterErrors.join(' ')}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={() => setRows((current) => [...current, newFilterRow()])}>
          Add filter
        </button>
        <button type="submit" className="primary">
          Apply filters
        </button>
        {rows.length > 0 && (
          <button
            type="button"
            className="quiet"
            onClick={() => {
              setRows([]);
              onApply([]);
            }}
          >
            Clear
          </button>
        )}
      </div>
    </form>
  );
}

interface FilterRowEditorProps {
  row: FilterRow;
  position: number;
  onChange: (change: Partial<FilterRow>) => void;
  onFieldChange: (field: string) => void;
  onRemove: () => void;
}

function FilterRowEditor({ row, position, onChange, onFieldChange, onRemove }: FilterRowEditorProps) {
  const field = findFilterField(row.field);
  const name = `filter ${position}`;
  return (
    <li className="filter-row">
      <select aria-label={`Field of ${name}`} value={row.field} onChange={(event) => onFieldChange(event.target.value)}>
        {filterFields.map((candidate) => (
          <option key={candidate.field} value={candidate.field}>
            {candidate.label}
          </option>
        ))}
      </select>
      {row.field === metadataField && (
        <input aria-label={`Metadata key of ${name}`} placeholder="key" value={row.metadataKey} onChange={(event) => onChange({ metadataKey: event.target.value })} />
      )}
      <select aria-label={`Operator of ${name}`} value={row.operator} onChange={(event) => onChange({ operator: event.target.value as FilterOperator })}>
        {operatorsFor(row.field).map((operator) => (
          <option key={operator} value={operator}>
            {operatorLabels[operator]}
          </option>
        ))}
      </select>
      <FilterValueInput label={`Value of ${name}`} kind={field.kind} choices={field.choices} operator={row.operator} value={row.value} onChange={(value) => onChange({ value })} />
      <button type="button" className="quiet" onClick={onRemove} aria-label={`Remove ${name}`}>
        Remove
      </button>
    </li>
  );
}

interface FilterValueInputProps {
  label: string;
  kind: string;
  choices?: string[];
  operator: FilterOperator;
  value: string;
  onChange: (value: string) => void;
}

function FilterValueInput({ label, kind, choices, operator, value, onChange }: FilterValueInputProps) {
  if (operator === 'isnull') {
    return (
      <select aria-label={label} value={value === 'false' ? 'false' : 'true'} onChange={(event) => onChange(event.target.value)}>
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    );
  }
  const options = kind === 'boolean' ? ['true', 'false'] : operator !== 'in' ? choices : undefined;
  if (options !== undefined) {
    return (
      <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">choose…</option>
        {options.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    );
  }
  const numeric = kind === 'integer' || kind === 'number';
  return (
    <input
      aria-label={label}
      value={value}
      inputMode={numeric && operator !== 'in' ? 'decimal' : undefined}
      placeholder={operator === 'in' ? 'a, b, c' : 'value'}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
