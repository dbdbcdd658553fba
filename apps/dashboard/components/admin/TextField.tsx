import type { ReactNode } from 'react';

/** An NHS form group: label, hint and error around one control. */
function FieldGroup({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** An NHS text input with its label, hint and error, for the admin forms. */
export function TextField({
  id,
  label,
  hint,
  error,
  width,
  ...input
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  width?: 10 | 20 | 30;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>) {
  return (
    <FieldGroup id={id} label={label} hint={hint} error={error}>
      <input
        className={`nhsuk-input${width ? ` nhsuk-input--width-${width}` : ''}${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        name={id}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </FieldGroup>
  );
}

/** An NHS select with its label (and error). */
export function SelectField({
  id,
  label,
  options,
  error,
  ...select
}: {
  id: string;
  label: string;
  options: readonly { value: string; label: string }[];
  error?: string;
} & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'>) {
  return (
    <FieldGroup id={id} label={label} error={error}>
      <select
        className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
        id={id}
        name={id}
        aria-describedby={describedBy(id, undefined, error)}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldGroup>
  );
}

/** Options for a select: a first choice (like "Every site") then one per record. */
export const choices = (first: string, records: readonly { id: string; name: string }[]) => [
  { value: '', label: first },
  ...records.map((r) => ({ value: r.id, label: r.name })),
];
