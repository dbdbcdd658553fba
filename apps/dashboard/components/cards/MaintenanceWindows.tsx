'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiErrors, fieldMessage } from '../../lib/admin/errors.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { SelectField, TextField } from '../admin/TextField.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ukDate = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });

/** Planned maintenance windows (UK time): everyone sees them; managers add and remove them. */
export function MaintenanceWindows({
  canEdit,
  siteNames,
}: {
  canEdit: boolean;
  siteNames: Record<string, string>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const windows = useQuery(trpc.maintenance.list.queryOptions());
  const systems = useQuery(trpc.systems.list.queryOptions()).data ?? [];
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.maintenance.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.systems.availability.queryKey() });
  };
  const [systemId, setSystemId] = useState('');
  const [siteId, setSiteId] = useState('');
  const [repeat, setRepeat] = useState<'once' | 'weekly'>('once');
  const [date, setDate] = useState('');
  const [weekday, setWeekday] = useState('7');
  const [startTime, setStart] = useState('');
  const [endTime, setEnd] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const create = useMutation(
    trpc.maintenance.create.mutationOptions({
      onSuccess: () => {
        setErrors([]);
        setNote('');
        refresh();
      },
      onError: (error) =>
        setErrors(
          apiErrors(error, 'mw', ['systemId', 'siteIds', 'date', 'weekday', 'startTime', 'endTime', 'note']),
        ),
    }),
  );
  const remove = useMutation(trpc.maintenance.delete.mutationOptions({ onSuccess: refresh }));
  const systemName = Object.fromEntries(systems.map((s) => [s.id, s.name]));

  function onCreate(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    const time = /^([01]\d|2[0-3]):[0-5]\d$/;
    const system = systemId || systems[0]?.id || '';
    if (!system) problems.push({ field: 'mw-systemId', message: 'Choose the system' });
    if (repeat === 'once' && !/^\d{4}-\d{2}-\d{2}$/.test(date))
      problems.push({ field: 'mw-date', message: 'Enter the date, like 2026-12-06' });
    if (!time.test(startTime))
      problems.push({ field: 'mw-startTime', message: 'Enter the start time, like 02:00' });
    if (!time.test(endTime))
      problems.push({ field: 'mw-endTime', message: 'Enter the end time, like 04:00' });
    setErrors(problems);
    if (problems.length > 0) return;
    create.mutate({
      systemId: system,
      siteIds: siteId ? [siteId] : [],
      ...(repeat === 'once' ? { date } : { weekday: Number(weekday) }),
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
      {windows.data?.length === 0 ? (
        <p className="nhsuk-body">No maintenance planned.</p>
      ) : windows.data ? (
        <table className="nhsuk-table app-table" data-testid="maintenance">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            Planned maintenance windows
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {['System', 'Sites', 'When (UK time)', 'Note', ...(canEdit ? [''] : [])].map((h, i) => (
                <th className="nhsuk-table__header" scope="col" key={h || i}>
                  {h || <span className="nhsuk-u-visually-hidden">Actions</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {windows.data.map((w) => (
              <tr className="nhsuk-table__row" key={w.id}>
                <th className="nhsuk-table__cell" scope="row">
                  {systemName[w.systemId] ?? w.systemId}
                </th>
                <td className="nhsuk-table__cell">
                  {w.siteIds.length ? w.siteIds.map((id) => siteNames[id] ?? id).join(', ') : 'Every site'}
                </td>
                <td className="nhsuk-table__cell">
                  {w.date ? ukDate(w.date) : `Every ${WEEKDAYS[(w.weekday ?? 1) - 1]}`}, {w.startTime}–
                  {w.endTime}
                </td>
                <td className="nhsuk-table__cell">{w.note ?? ''}</td>
                {canEdit ? (
                  <td className="nhsuk-table__cell">
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--small nhsuk-button--warning nhsuk-u-margin-bottom-0"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate({ id: w.id })}
                    >
                      Remove<span className="nhsuk-u-visually-hidden"> maintenance window {w.id}</span>
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="nhsuk-body">{windows.error ? windows.error.message : 'Loading…'}</p>
      )}
      {canEdit ? (
        <>
          <h3 className="nhsuk-heading-s">Plan maintenance</h3>
          <ErrorSummary errors={errors} />
          <form onSubmit={onCreate} noValidate aria-label="Plan maintenance">
            <SelectField
              id="mw-systemId"
              label="System"
              options={systems.map((s) => ({ value: s.id, label: s.name }))}
              value={systemId || systems[0]?.id || ''}
              onChange={(e) => setSystemId(e.target.value)}
            />
            <SelectField
              id="mw-siteIds"
              label="Site"
              options={[
                { value: '', label: 'Every site' },
                ...Object.entries(siteNames).map(([id, name]) => ({ value: id, label: name })),
              ]}
              value={siteId}
              onChange={(e) => setSiteId(e.target.value)}
            />
            <SelectField
              id="mw-repeat"
              label="Repeats"
              options={[
                { value: 'once', label: 'Once, on a date' },
                { value: 'weekly', label: 'Every week' },
              ]}
              value={repeat}
              onChange={(e) => setRepeat(e.target.value as 'once' | 'weekly')}
            />
            {repeat === 'once' ? (
              <TextField
                id="mw-date"
                label="Date"
                type="date"
                width={10}
                value={date}
                onChange={(e) => setDate(e.target.value)}
                error={fieldMessage(errors, 'mw-date')}
              />
            ) : (
              <SelectField
                id="mw-weekday"
                label="Day"
                options={WEEKDAYS.map((day, i) => ({ value: String(i + 1), label: day }))}
                value={weekday}
                onChange={(e) => setWeekday(e.target.value)}
              />
            )}
            <TextField
              id="mw-startTime"
              label="Starts (UK time, HH:MM)"
              width={10}
              value={startTime}
              onChange={(e) => setStart(e.target.value)}
              error={fieldMessage(errors, 'mw-startTime')}
            />
            <TextField
              id="mw-endTime"
              label="Ends (UK time, HH:MM; earlier than the start means the next day)"
              width={10}
              value={endTime}
              onChange={(e) => setEnd(e.target.value)}
              error={fieldMessage(errors, 'mw-endTime')}
            />
            <TextField
              id="mw-note"
              label="Note (optional)"
              width={30}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <button className="nhsuk-button" type="submit" disabled={create.isPending}>
              Plan maintenance
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
