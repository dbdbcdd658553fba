'use client';
import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { AdminRow, AdminTable, Cell } from '../admin/kit/AdminTable.tsx';
import { RemoveButton } from '../admin/kit/RowButton.tsx';
import { SubmitButton } from '../admin/kit/SubmitButton.tsx';
import { useAdminForm, useAdminMutation } from '../admin/kit/useAdminForm.ts';
import { choices, SelectField, TextField } from '../admin/TextField.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ukDate = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });

const REPEATS = [
  { value: 'once', label: 'Once, on a date' },
  { value: 'weekly', label: 'Every week' },
];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Planned maintenance windows (UK time): everyone sees them; managers add and remove them. */
export function MaintenanceWindows({
  canEdit,
  siteNames,
}: {
  canEdit: boolean;
  siteNames: Record<string, string>;
}) {
  const trpc = useTRPC();
  const windows = useQuery(trpc.maintenance.list.queryOptions());
  const systems = useQuery(trpc.systems.list.queryOptions()).data ?? [];
  const invalidate = [trpc.maintenance.list.queryKey(), trpc.systems.availability.queryKey()];
  const form = useAdminForm('mw', {
    systemId: '',
    siteIds: '',
    repeat: 'once' as 'once' | 'weekly',
    date: '',
    weekday: '7',
    startTime: '',
    endTime: '',
    note: '',
  });
  const { values } = form;
  const create = useAdminMutation(trpc.maintenance.create.mutationOptions(), {
    invalidate,
    onSuccess: () => {
      form.setErrors([]);
      form.set({ note: '' });
    },
    onError: form.apiError(['systemId', 'siteIds', 'date', 'weekday', 'startTime', 'endTime', 'note']),
  });
  const remove = useAdminMutation(trpc.maintenance.delete.mutationOptions(), { invalidate });
  const systemName = Object.fromEntries(systems.map((s) => [s.id, s.name]));
  const system = values.systemId || systems[0]?.id || '';

  function onCreate(event: FormEvent) {
    event.preventDefault();
    const { repeat, date, startTime, endTime, note } = values;
    const problems: FieldError[] = [];
    if (!system) problems.push({ field: 'mw-systemId', message: 'Choose the system' });
    if (repeat === 'once' && !/^\d{4}-\d{2}-\d{2}$/.test(date))
      problems.push({ field: 'mw-date', message: 'Enter the date, like 2026-12-06' });
    if (!TIME.test(startTime))
      problems.push({ field: 'mw-startTime', message: 'Enter the start time, like 02:00' });
    if (!TIME.test(endTime))
      problems.push({ field: 'mw-endTime', message: 'Enter the end time, like 04:00' });
    form.setErrors(problems);
    if (problems.length > 0) return;
    create.mutate({
      systemId: system,
      siteIds: values.siteIds ? [values.siteIds] : [],
      ...(repeat === 'once' ? { date } : { weekday: Number(values.weekday) }),
      startTime,
      endTime,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  }

  return (
    <section aria-labelledby="maintenance-heading" className="nhsuk-u-margin-top-6">
      <h2 className="nhsuk-heading-m" id="maintenance-heading">
        Planned maintenance
      </h2>
      <p className="nhsuk-body-s">
        In UK time. Shown on the timelines, counted apart from unplanned downtime, and alerts are held during
        it.
      </p>
      <AdminTable
        testId="maintenance"
        caption="Planned maintenance windows"
        columns={['System', 'Sites', 'When (UK time)', 'Note', ...(canEdit ? [''] : [])]}
        query={windows}
        empty="No maintenance planned."
        bare
      >
        {(w) => (
          <AdminRow key={w.id} head={systemName[w.systemId] ?? w.systemId}>
            <Cell>
              {w.siteIds.length ? w.siteIds.map((id) => siteNames[id] ?? id).join(', ') : 'Every site'}
            </Cell>
            <Cell>
              {w.date ? ukDate(w.date) : `Every ${WEEKDAYS[(w.weekday ?? 1) - 1]}`}, {w.startTime}–{w.endTime}
            </Cell>
            <Cell>{w.note ?? ''}</Cell>
            {canEdit ? (
              <Cell>
                <RemoveButton action={remove} input={{ id: w.id }} what={`maintenance window ${w.id}`}>
                  Remove
                </RemoveButton>
              </Cell>
            ) : null}
          </AdminRow>
        )}
      </AdminTable>
      {canEdit ? (
        <>
          <h3 className="nhsuk-heading-s">Plan maintenance</h3>
          <ErrorSummary errors={form.errors} />
          <form onSubmit={onCreate} noValidate aria-label="Plan maintenance">
            <SelectField
              label="System"
              options={systems.map((s) => ({ value: s.id, label: s.name }))}
              {...form.bind('systemId')}
              value={system}
            />
            <SelectField
              label="Site"
              options={choices(
                'Every site',
                Object.entries(siteNames).map(([id, name]) => ({ id, name })),
              )}
              {...form.bind('siteIds')}
            />
            <SelectField label="Repeats" options={REPEATS} {...form.bind('repeat')} />
            {values.repeat === 'once' ? (
              <TextField label="Date" type="date" width={10} {...form.bind('date')} />
            ) : (
              <SelectField
                label="Day"
                options={WEEKDAYS.map((day, i) => ({ value: String(i + 1), label: day }))}
                {...form.bind('weekday')}
              />
            )}
            <TextField label="Starts (UK time, HH:MM)" width={10} {...form.bind('startTime')} />
            <TextField
              label="Ends (UK time, HH:MM; earlier than the start means the next day)"
              width={10}
              {...form.bind('endTime')}
            />
            <TextField label="Note (optional)" width={30} {...form.bind('note')} />
            <SubmitButton pending={create.isPending}>Plan maintenance</SubmitButton>
          </form>
        </>
      ) : null}
    </section>
  );
}
