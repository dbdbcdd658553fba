import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { ukDateTime } from '../../../lib/format-date.ts';

/** A small button in a table row; `what` names its record for screen readers ("Revoke" + " Leeds TV"). */
export function RowButton({
  children,
  what,
  tone = 'secondary',
  margin = 0,
  ...button
}: {
  children: ReactNode;
  what: string;
  tone?: 'secondary' | 'warning';
  /** The space below it (2 when another button wraps under it). */
  margin?: 0 | 2;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className' | 'type' | 'children'>) {
  return (
    <button
      type="button"
      className={`nhsuk-button nhsuk-button--small nhsuk-button--${tone} nhsuk-u-margin-bottom-${margin}`}
      {...button}
    >
      {children}
      <span className="nhsuk-u-visually-hidden"> {what}</span>
    </button>
  );
}

/** A mutation a row's button runs with that row's input. */
interface RowAction<I> {
  isPending: boolean;
  mutate(input: I): void;
}

/** A warning button that takes the row's record away: Delete, Remove, Clear. */
export function RemoveButton<I>({
  action,
  input,
  what,
  children = 'Delete',
}: {
  action: RowAction<I>;
  input: I;
  what: string;
  children?: string;
}) {
  return (
    <RowButton tone="warning" what={what} disabled={action.isPending} onClick={() => action.mutate(input)}>
      {children}
    </RowButton>
  );
}

/** "Revoked <when>" once revoked; until then a warning Revoke button. */
export function RevokedOr<Id>({
  revokedAt,
  what,
  revoke,
  id,
}: {
  revokedAt: string | Date | null | undefined;
  what: string;
  revoke: RowAction<{ id: Id }>;
  id: Id;
}) {
  return revokedAt ? (
    <strong className="nhsuk-tag nhsuk-tag--grey">Revoked {ukDateTime(revokedAt)}</strong>
  ) : (
    <RemoveButton action={revoke} input={{ id }} what={what}>
      Revoke
    </RemoveButton>
  );
}
