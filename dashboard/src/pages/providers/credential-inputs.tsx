import type { ApiError } from '../../api/api-error.ts';
import { FormField } from '../../components/form-field.tsx';
import type { CredentialField, CredentialValues } from './provider-fields.ts';

interface CredentialInputsProps {
  fields: CredentialField[];
  values: CredentialValues;
  onChange: (values: CredentialValues) => void;
  /** Secret fields already stored: their inputs say so and stay empty. */
  secretsSet: string[];
  error: ApiError | undefined;
}

/** Inputs for a provider's credentials; secrets are never shown, only replaced. */
export function CredentialInputs({ fields, values, onChange, secretsSet, error }: CredentialInputsProps) {
  return (
    <>
      {fields.map((field) => {
        const stored = secretsSet.includes(field.name);
        const placeholder = field.secret ? (stored ? 'set (hidden): type to replace' : 'not set') : field.placeholder;
        const setValue = (value: string) => onChange({ ...values, [field.name]: value });
        return (
          <FormField key={field.name} label={field.label} errors={error?.messagesFor(field.name)} hint={field.secret ? 'Write-only: never shown again.' : undefined}>
            {(control) =>
              field.multiline ? (
                <textarea {...control} rows={3} value={values[field.name] ?? ''} placeholder={placeholder} onChange={(event) => setValue(event.target.value)} spellCheck={false} />
              ) : (
                <input {...control} type={field.secret ? 'password' : 'text'} autoComplete={field.secret ? 'new-password' : 'off'} value={values[field.name] ?? ''} placeholder={placeholder} onChange={(event) => setValue(event.target.value)} />
              )
            }
          </FormField>
        );
      })}
    </>
  );
}
