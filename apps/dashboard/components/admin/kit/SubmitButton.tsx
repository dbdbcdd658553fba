import type { ReactNode } from 'react';

/** A form's submit button, off while its request is under way. */
export function SubmitButton({
  pending = false,
  secondary = false,
  children,
}: {
  pending?: boolean;
  secondary?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      className={secondary ? 'nhsuk-button nhsuk-button--secondary' : 'nhsuk-button'}
      type="submit"
      disabled={pending}
    >
      {children}
    </button>
  );
}
