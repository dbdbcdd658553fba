import type { Ref } from 'react';

export interface FieldError {
  /** The id of the field the message links to. */
  field: string;
  message: string;
  /** false: shown in the summary only (e.g. "wrong email or password" belongs to no one field). */
  fieldLevel?: boolean;
}

/** The NHS error summary: a focusable alert at the top of the form, each message linking to its field. */
export function ErrorSummary({ errors, ref }: { errors: FieldError[]; ref?: Ref<HTMLDivElement> }) {
  if (errors.length === 0) return null;
  return (
    <div
      className="nhsuk-error-summary"
      aria-labelledby="error-summary-title"
      role="alert"
      tabIndex={-1}
      ref={ref}
    >
      <h2 className="nhsuk-error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {errors.map((error) => (
            <li key={`${error.field}:${error.message}`}>
              <a href={`#${error.field}`}>{error.message}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
