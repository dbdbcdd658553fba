import type { FieldError } from '../../components/forms/ErrorSummary.tsx';

/**
 * A failed admin call as error-summary lines. The API's messages name the field ("email: already
 * invited"); the line links to the form field of that name under `prefix` when there is one.
 */
export function apiErrors(error: unknown, prefix: string, fields: readonly string[]): FieldError[] {
  const message = error instanceof Error ? error.message : 'Something went wrong. Try again';
  const match = /^([A-Za-z]+)(?:\[\d+\])?:\s*(.+)$/.exec(message);
  const field = match?.[1];
  if (match && field && fields.includes(field)) {
    return [{ field: `${prefix}-${field}`, message: match[2] ?? message }];
  }
  return [{ field: `${prefix}-${fields[0] ?? 'form'}`, message, fieldLevel: false }];
}

/** The message for one field, if any. */
export const fieldMessage = (errors: FieldError[], id: string): string | undefined =>
  errors.find((e) => e.field === id && e.fieldLevel !== false)?.message;
