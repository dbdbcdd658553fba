'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiErrors, fieldMessage } from '../../lib/admin/errors.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { SelectField, TextField } from './TextField.tsx';

const FIELDS = ['systemId', 'siteId', 'periodS', 'graceS'];

/** Heartbeat expectations: how often a system at a site should report, and the grace before "unknown". */
export function HeartbeatsAdmin({ defaultS }: { defaultS?: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const expectations = useQuery(trpc.heartbeats.list.queryOptions());
  const systems = useQuery(trpc.systems.list.queryOptions()).data ?? [];
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const siteNames = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const systemNames = Object.fromEntries(systems.map((s) => [s.id, s.name]));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.heartbeats.list.queryKey() });
  const [form, setForm] = useState({ systemId: '', siteId: '', periodS: '30', graceS: '10' });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const save = useMutation(
    trpc.heartbeats.set.mutationOptions({
      onSuccess: () => {
        setErrors([]);
        void refresh();
      },
      onError: (error) => setErrors(apiErrors(error, 'heartbeat', FIELDS)),
    }),
  );
  const clear = useMutation(
    trpc.heartbeats.clear.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (error) => setErrors(apiErrors(error, 'heartbeat', FIELDS)),
    }),
  );
  const system = systems.find((s) => s.id === form.systemId);

  function onSave(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!form.systemId) problems.push({ field: 'heartbeat-systemId', message: 'Choose the system' });
    const periodS = Number(form.periodS);
    const graceS = Number(form.graceS);
    if (!Number.isInteger(periodS) || periodS < 5)
      problems.push({ field: 'heartbeat-periodS', message: 'Enter the period in whole seconds, 5 or more' });
    if (!Number.isInteger(graceS) || graceS < 0)
      problems.push({ field: 'heartbeat-graceS', message: 'Enter the grace in whole seconds, 0 or more' });
    setErrors(problems);
    if (problems.length === 0)
      save.mutate({
        systemId: form.systemId,
        ...(form.siteId ? { siteId: form.siteId } : {}),
        periodS,
        graceS,
      });
  }

  return (
    <>
      <h2 className="nhsuk-heading-m">Heartbeat expectations</h2>
      <p className="nhsuk-body">
        How often a system at a site should report, and how long to wait after that before showing it as
        unknown. Without one, a report holds for {defaultS ? `${defaultS} s` : 'the default timeout'}.
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={onSave} noValidate aria-label="Set a heartbeat expectation">
        <SelectField
          id="heartbeat-systemId"
          label="System"
          value={form.systemId}
          onChange={set('systemId')}
          options={[
            { value: '', label: 'Choose a system' },
            ...systems.map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <SelectField
          id="heartbeat-siteId"
          label="Site"
          value={form.siteId}
          onChange={set('siteId')}
          options={[
            { value: '', label: 'National' },
            ...(system?.siteIds ?? []).map((id) => ({ value: id, label: siteNames[id] ?? id })),
          ]}
        />
        <TextField
          id="heartbeat-periodS"
          label="Expected every (seconds)"
          width={10}
          inputMode="numeric"
          value={form.periodS}
          onChange={set('periodS')}
          error={fieldMessage(errors, 'heartbeat-periodS')}
        />
        <TextField
          id="heartbeat-graceS"
          label="Grace (seconds)"
          width={10}
          inputMode="numeric"
          value={form.graceS}
          onChange={set('graceS')}
          error={fieldMessage(errors, 'heartbeat-graceS')}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={save.isPending}>
          Save expectation
        </button>
      </form>
      {expectations.data && expectations.data.length > 0 ? (
        <div className="nhsuk-table-container">
          <table className="nhsuk-table app-table" data-testid="heartbeats">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Heartbeat expectations</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="col">
                  System and site
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Expected
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {expectations.data.map((e) => {
                const label = `${systemNames[e.systemId] ?? e.systemId}, ${e.siteId ? (siteNames[e.siteId] ?? e.siteId) : 'national'}`;
                return (
                  <tr className="nhsuk-table__row" key={`${e.systemId}|${e.siteId ?? ''}`}>
                    <th className="nhsuk-table__cell" scope="row">
                      {label}
                    </th>
                    <td className="nhsuk-table__cell">
                      every {e.periodS} s, + {e.graceS} s grace
                    </td>
                    <td className="nhsuk-table__cell">
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--small nhsuk-button--warning nhsuk-u-margin-bottom-0"
                        disabled={clear.isPending}
                        onClick={() =>
                          clear.mutate({ systemId: e.systemId, ...(e.siteId ? { siteId: e.siteId } : {}) })
                        }
                      >
                        Clear<span className="nhsuk-u-visually-hidden"> expectation of {label}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
