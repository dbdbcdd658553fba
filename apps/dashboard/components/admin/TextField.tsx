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
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
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
      <input
        className={`nhsuk-input${width ? ` nhsuk-input--width-${width}` : ''}${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        name={id}
        aria-describedby={described || undefined}
        {...input}
      />
    </div>
  );
}

/** An NHS select with its label. */
export function SelectField({
  id,
  label,
  options,
  ...select
}: {
  id: string;
  label: string;
  options: readonly { value: string; label: string }[];
} & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'>) {
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <select className="nhsuk-select" id={id} name={id} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
