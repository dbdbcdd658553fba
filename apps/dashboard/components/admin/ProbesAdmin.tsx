'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiErrors, fieldMessage } from '../../lib/admin/errors.ts';
import { ukDateTime } from '../../lib/format-date.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { SelectField, TextField } from './TextField.tsx';

type Kind = 'http' | 'tcp' | 'statuspage';
const KINDS: { value: Kind; label: string }[] = [
  { value: 'http', label: 'Web address (HTTP or HTTPS)' },
  { value: 'tcp', label: 'TCP port' },
  { value: 'statuspage', label: "Supplier's status page" },
];
const TARGET_HINT: Record<Kind, string> = {
  http: 'The full address, like https://adastra.example.nhs.uk/health',
  tcp: 'Host and port, like cad-link.example.nhs.uk:443',
  statuspage: "The status page's address, like https://status.supplier.example",
};
const STATUS_TAG: Record<string, string> = {
  up: 'nhsuk-tag--green',
  degraded: 'nhsuk-tag--yellow',
  down: 'nhsuk-tag--red',
};
const FIELDS = [
  'systemId',
  'siteId',
  'kind',
  'target',
  'component',
  'intervalS',
  'timeoutMs',
  'retries',
  'degradedMs',
  'expectKeyword',
];

/** Probes: add one, turn it on or off, delete it; each with its last result and response time. */
export function ProbesAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const probes = useQuery(trpc.probes.list.queryOptions());
  const systems = useQuery(trpc.systems.list.queryOptions()).data ?? [];
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const siteNames = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const systemNames = Object.fromEntries(systems.map((s) => [s.id, s.name]));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.probes.list.queryKey() });
  const [form, setForm] = useState({
    systemId: '',
    siteId: '',
    kind: 'http' as Kind,
    target: '',
    component: '',
    expectKeyword: '',
    intervalS: '60',
    timeoutMs: '5000',
    retries: '1',
    degradedMs: '',
  });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation(
    trpc.probes.create.mutationOptions({
      onSuccess: () => {
        setDone(
          `Probe added for ${systemNames[form.systemId] ?? form.systemId}. It runs within a few seconds.`,
        );
        setForm((f) => ({ ...f, target: '', component: '', expectKeyword: '' }));
        setErrors([]);
        void refresh();
      },
      onError: (error) => setErrors(apiErrors(error, 'probe', FIELDS)),
    }),
  );
  const update = useMutation(
    trpc.probes.update.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (error) => setErrors(apiErrors(error, 'probe', FIELDS)),
    }),
  );
  const remove = useMutation(
    trpc.probes.delete.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (error) => setErrors(apiErrors(error, 'probe', FIELDS)),
    }),
  );
  const system = systems.find((s) => s.id === form.systemId);

  function onCreate(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!form.systemId)
      problems.push({ field: 'probe-systemId', message: 'Choose the system the probe checks' });
    if (!form.target.trim())
      problems.push({ field: 'probe-target', message: `Enter the target: ${TARGET_HINT[form.kind]}` });
    if (form.kind === 'statuspage' && !form.component.trim())
      problems.push({
        field: 'probe-component',
        message: 'Enter the component name as the status page shows it',
      });
    const number = (field: 'intervalS' | 'timeoutMs' | 'retries' | 'degradedMs', message: string) => {
      const value = Number(form[field]);
      if (!Number.isInteger(value)) problems.push({ field: `probe-${field}`, message });
      return value;
    };
    const intervalS = number('intervalS', 'Enter how often to check, in whole seconds (10 or more)');
    const timeoutMs = number('timeoutMs', 'Enter the timeout in whole milliseconds (up to 60000)');
    const retries = number('retries', 'Enter the number of retries, 0 to 5');
    const degradedMs = form.degradedMs.trim()
      ? number('degradedMs', 'Enter the slow threshold in whole milliseconds, or leave it empty')
      : undefined;
    setErrors(problems);
    setDone(null);
    if (problems.length > 0) return;
    create.mutate({
      systemId: form.systemId,
      ...(form.siteId ? { siteId: form.siteId } : {}),
      kind: form.kind,
      target: form.target.trim(),
      ...(form.kind === 'statuspage' ? { component: form.component.trim() } : {}),
      ...(form.kind === 'http' && form.expectKeyword ? { expectKeyword: form.expectKeyword } : {}),
      intervalS,
      timeoutMs,
      retries,
      ...(degradedMs !== undefined && form.kind !== 'statuspage' ? { degradedMs } : {}),
    });
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      {done ? (
        <div className="nhsuk-inset-text" role="status">
          <p>{done}</p>
        </div>
      ) : null}
      <h2 className="nhsuk-heading-m">Add a probe</h2>
      <form onSubmit={onCreate} noValidate aria-label="Add a probe">
        <SelectField
          id="probe-systemId"
          label="System"
          value={form.systemId}
          onChange={set('systemId')}
          options={[
            { value: '', label: 'Choose a system' },
            ...systems.map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        {fieldMessage(errors, 'probe-systemId') ? (
          <p className="nhsuk-error-message">{fieldMessage(errors, 'probe-systemId')}</p>
        ) : null}
        <SelectField
          id="probe-siteId"
          label="Site"
          value={form.siteId}
          onChange={set('siteId')}
          options={[
            { value: '', label: 'All sites (national)' },
            ...(system?.siteIds ?? []).map((id) => ({ value: id, label: siteNames[id] ?? id })),
          ]}
        />
        <SelectField
          id="probe-kind"
          label="Kind of check"
          value={form.kind}
          onChange={set('kind')}
          options={KINDS}
        />
        <TextField
          id="probe-target"
          label="Target"
          hint={TARGET_HINT[form.kind]}
          width={30}
          value={form.target}
          onChange={set('target')}
          error={fieldMessage(errors, 'probe-target')}
          autoComplete="off"
          spellCheck={false}
        />
        {form.kind === 'statuspage' ? (
          <TextField
            id="probe-component"
            label="Component"
            hint="Its name on the status page, like Adastra API. Under maintenance counts as degraded."
            width={30}
            value={form.component}
            onChange={set('component')}
            error={fieldMessage(errors, 'probe-component')}
          />
        ) : null}
        {form.kind === 'http' ? (
          <TextField
            id="probe-expectKeyword"
            label="Text the page must contain (optional)"
            width={30}
            value={form.expectKeyword}
            onChange={set('expectKeyword')}
            error={fieldMessage(errors, 'probe-expectKeyword')}
          />
        ) : null}
        <TextField
          id="probe-intervalS"
          label="Check every (seconds)"
          hint="10 or more"
          width={10}
          inputMode="numeric"
          value={form.intervalS}
          onChange={set('intervalS')}
          error={fieldMessage(errors, 'probe-intervalS')}
        />
        <TextField
          id="probe-timeoutMs"
          label="Timeout (milliseconds)"
          hint="Up to 60000"
          width={10}
          inputMode="numeric"
          value={form.timeoutMs}
          onChange={set('timeoutMs')}
          error={fieldMessage(errors, 'probe-timeoutMs')}
        />
        <TextField
          id="probe-retries"
          label="Retries before down"
          hint="0 to 5"
          width={10}
          inputMode="numeric"
          value={form.retries}
          onChange={set('retries')}
          error={fieldMessage(errors, 'probe-retries')}
        />
        {form.kind !== 'statuspage' ? (
          <TextField
            id="probe-degradedMs"
            label="Slow above (milliseconds, optional)"
            hint="A slower answer shows the system as degraded"
            width={10}
            inputMode="numeric"
            value={form.degradedMs}
            onChange={set('degradedMs')}
            error={fieldMessage(errors, 'probe-degradedMs')}
          />
        ) : null}
        <button className="nhsuk-button" type="submit" disabled={create.isPending}>
          Add probe
        </button>
      </form>
      <h2 className="nhsuk-heading-m">Probes</h2>
      {probes.data?.length === 0 ? (
        <p className="nhsuk-body">No probes yet.</p>
      ) : probes.data ? (
        <div className="nhsuk-table-container">
          <table className="nhsuk-table app-table" data-testid="probes">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Probes</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="col">
                  System and site
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Check
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Last result
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {probes.data.map((probe) => {
                const label = `${systemNames[probe.systemId] ?? probe.systemId}, ${probe.siteId ? (siteNames[probe.siteId] ?? probe.siteId) : 'all sites'}`;
                return (
                  <tr className="nhsuk-table__row" key={probe.id} data-probe={probe.id}>
                    <th className="nhsuk-table__cell" scope="row">
                      {label}
                    </th>
                    <td className="nhsuk-table__cell">
                      <span className="app-break">{probe.target ?? '—'}</span>
                      {probe.component ? ` (${probe.component})` : ''}
                      <span className="nhsuk-body-s app-subline">
                        {KINDS.find((k) => k.value === probe.kind)?.label}, every {probe.intervalS} s, timeout{' '}
                        {probe.timeoutMs} ms, {probe.retries} {probe.retries === 1 ? 'retry' : 'retries'}
                        {probe.enabled ? '' : ' — off'}
                      </span>
                    </td>
                    <td className="nhsuk-table__cell">
                      {probe.last ? (
                        <>
                          <strong
                            className={`nhsuk-tag ${STATUS_TAG[probe.last.status] ?? 'nhsuk-tag--grey'}`}
                          >
                            {probe.last.status}
                          </strong>
                          <span className="nhsuk-body-s app-subline">
                            {probe.last.responseMs === null ? '—' : `${probe.last.responseMs} ms`} at{' '}
                            {ukDateTime(probe.last.at)}
                          </span>
                          {probe.last.detail ? (
                            <span className="nhsuk-body-s app-subline">{probe.last.detail}</span>
                          ) : null}
                        </>
                      ) : (
                        <span className="nhsuk-body-s">Not run yet</span>
                      )}
                    </td>
                    <td className="nhsuk-table__cell">
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--small nhsuk-button--secondary nhsuk-u-margin-bottom-2"
                        disabled={update.isPending}
                        onClick={() => update.mutate({ id: probe.id, enabled: !probe.enabled })}
                      >
                        {probe.enabled ? 'Turn off' : 'Turn on'}
                        <span className="nhsuk-u-visually-hidden"> probe of {label}</span>
                      </button>{' '}
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--small nhsuk-button--warning nhsuk-u-margin-bottom-0"
                        disabled={remove.isPending}
                        onClick={() => remove.mutate({ id: probe.id })}
                      >
                        Delete<span className="nhsuk-u-visually-hidden"> probe of {label}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="nhsuk-body">{probes.error ? probes.error.message : 'Loading…'}</p>
      )}
    </>
  );
}
