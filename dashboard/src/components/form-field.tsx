import { useId, type ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

interface FormFieldProps {
  label: string;
  hint?: string;
  /** Messages from the API for this field, shown under it. */
  errors?: string[];
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A label, its control, a hint and the API's messages about the field, wired for screen readers. */
export function FormField({ label, hint, errors = [], className, children }: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : undefined, errors.length > 0 ? errorId : undefined].filter(Boolean).join(' ');
  return (
    <div className={['form-field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': errors.length > 0 ? true : undefined, 'aria-describedby': describedBy === '' ? undefined : describedBy })}
      {hint !== undefined && <p id={hintId} className="hint">{hint}</p>}
      {errors.length > 0 && (
        <p id={errorId} className="field-error">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}
