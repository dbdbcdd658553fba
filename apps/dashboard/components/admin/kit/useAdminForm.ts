'use client';
import { type QueryKey, type UseMutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiErrors, fieldMessage } from '../../../lib/admin/errors.ts';
import type { FieldError } from '../../forms/ErrorSummary.tsx';

type StringKey<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F] & string;

/**
 * An admin form's values and errors. `bind(field)` gives a TextField or SelectField its id
 * (`<prefix>-<field>`), value, change handler and error; `apiError(fields)` turns the API's refusal
 * into error-summary lines linked to those fields.
 */
export function useAdminForm<F extends object>(prefix: string, initial: F) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const message = (id: string) => fieldMessage(errors, id);
  return {
    values,
    /** Change some values: a patch, or a function of the current values that returns one. */
    set: (patch: Partial<F> | ((values: F) => Partial<F>)) =>
      setValues((v) => ({ ...v, ...(typeof patch === 'function' ? patch(v) : patch) })),
    errors,
    setErrors,
    message,
    bind: (field: StringKey<F>, id = `${prefix}-${field}`) => ({
      id,
      value: values[field] as string,
      onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value })),
      error: message(id),
    }),
    apiError:
      (fields: readonly string[], as = prefix) =>
      (error: unknown) =>
        setErrors(apiErrors(error, as, fields)),
  };
}

/**
 * A tRPC mutation from an admin page: when it succeeds, `onSuccess` runs and the lists it changed
 * (`invalidate`) are read again.
 */
export function useAdminMutation<TData, TError, TInput, TContext>(
  options: UseMutationOptions<TData, TError, TInput, TContext>,
  {
    invalidate,
    onSuccess,
    onError,
  }: {
    invalidate: readonly QueryKey[];
    onSuccess?(data: TData, input: TInput): void;
    onError?(error: TError, input: TInput): void;
  },
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    onSuccess: (data, input) => {
      onSuccess?.(data, input);
      for (const queryKey of invalidate) void queryClient.invalidateQueries({ queryKey });
    },
    onError,
  });
}
