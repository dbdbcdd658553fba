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

/** "Revoked <when>" once revoked; until then a warning Revoke button. */
export function RevokedOr({
  revokedAt,
  what,
  pending,
  onRevoke,
}: {
  revokedAt: string | Date | null | undefined;
  what: string;
  pending: boolean;
  onRevoke(): void;
}) {
  return revokedAt ? (
    <strong className="nhsuk-tag nhsuk-tag--grey">Revoked {ukDateTime(revokedAt)}</strong>
  ) : (
    <RowButton tone="warning" what={what} disabled={pending} onClick={onRevoke}>
      Revoke
    </RowButton>
  );
}
