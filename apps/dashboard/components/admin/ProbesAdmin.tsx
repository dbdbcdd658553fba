'use client';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ukDateTime } from '../../lib/format-date.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { AdminRow, AdminTable, Cell } from './kit/AdminTable.tsx';
import { RemoveButton, RowButton } from './kit/RowButton.tsx';
import { StatusNote } from './kit/StatusNote.tsx';
import { SubmitButton } from './kit/SubmitButton.tsx';
import { SystemSiteFields, useSystemsAndSites } from './kit/SystemSiteFields.tsx';
import { useAdminForm, useAdminMutation } from './kit/useAdminForm.ts';
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
type NumberField = 'intervalS' | 'timeoutMs' | 'retries' | 'degradedMs';
/** The whole-number settings: label, hint, and the message when it is not a whole number. */
const NUMBERS: { field: NumberField; label: string; hint: string; message: string }[] = [
  {
    field: 'intervalS',
    label: 'Check every (seconds)',
    hint: '10 or more',
    message: 'Enter how often to check, in whole seconds (10 or more)',
  },
  {
    field: 'timeoutMs',
    label: 'Timeout (milliseconds)',
    hint: 'Up to 60000',
    message: 'Enter the timeout in whole milliseconds (up to 60000)',
  },
  {
    field: 'retries',
    label: 'Retries before down',
    hint: '0 to 5',
    message: 'Enter the number of retries, 0 to 5',
  },
  {
    field: 'degradedMs',
    label: 'Slow above (milliseconds, optional)',
    hint: 'A slower answer shows the system as degraded',
    message: 'Enter the slow threshold in whole milliseconds, or leave it empty',
  },
];
const FIELDS = [
  'systemId',
  'siteId',
  'kind',
  'target',
  'component',
  ...NUMBERS.map((n) => n.field),
  'expectKeyword',
];

/** Probes: add one, turn it on or off, delete it; each with its last result and response time. */
export function ProbesAdmin() {
  const trpc = useTRPC();
  const probes = useQuery(trpc.probes.list.queryOptions());
  const { systemNames, label } = useSystemsAndSites();
  const form = useAdminForm('probe', {
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
  const { values } = form;
  const how = { invalidate: [trpc.probes.list.queryKey()], onError: form.apiError(FIELDS) };
  const [done, setDone] = useState<string | null>(null);
  const create = useAdminMutation(trpc.probes.create.mutationOptions(), {
    ...how,
    onSuccess: (_probe, input) => {
      setDone(
        `Probe added for ${systemNames[input.systemId] ?? input.systemId}. It runs within a few seconds.`,
      );
      form.set({ target: '', component: '', expectKeyword: '' });
      form.setErrors([]);
    },
  });
  const update = useAdminMutation(trpc.probes.update.mutationOptions(), how);
  const remove = useAdminMutation(trpc.probes.delete.mutationOptions(), how);

  function onCreate(event: FormEvent) {
    event.preventDefault();
    const { kind, systemId, siteId } = values;
    const problems: FieldError[] = [];
    if (!systemId) problems.push({ field: 'probe-systemId', message: 'Choose the system the probe checks' });
    if (!values.target.trim())
      problems.push({ field: 'probe-target', message: `Enter the target: ${TARGET_HINT[kind]}` });
    if (kind === 'statuspage' && !values.component.trim())
      problems.push({
        field: 'probe-component',
        message: 'Enter the component name as the status page shows it',
      });
    const numbers: Partial<Record<NumberField, number>> = {};
    for (const { field, message } of NUMBERS) {
      if (field === 'degradedMs' && !values.degradedMs.trim()) continue;
      numbers[field] = Number(values[field]);
      if (!Number.isInteger(numbers[field])) problems.push({ field: `probe-${field}`, message });
    }
    const { intervalS = 0, timeoutMs = 0, retries = 0, degradedMs } = numbers;
    form.setErrors(problems);
    setDone(null);
    if (problems.length > 0) return;
    create.mutate({
      systemId,
      ...(siteId ? { siteId } : {}),
      kind,
      target: values.target.trim(),
      ...(kind === 'statuspage' ? { component: values.component.trim() } : {}),
      ...(kind === 'http' && values.expectKeyword ? { expectKeyword: values.expectKeyword } : {}),
      intervalS,
      timeoutMs,
      retries,
      ...(degradedMs !== undefined && kind !== 'statuspage' ? { degradedMs } : {}),
    });
  }

  return (
    <>
      <ErrorSummary errors={form.errors} />
      <StatusNote text={done} />
      <h2 className="nhsuk-heading-m">Add a probe</h2>
      <form onSubmit={onCreate} noValidate aria-label="Add a probe">
        <SystemSiteFields
          system={form.bind('systemId')}
          site={form.bind('siteId')}
          national="All sites (national)"
        />
        <SelectField label="Kind of check" options={KINDS} {...form.bind('kind')} />
        <TextField
          label="Target"
          hint={TARGET_HINT[values.kind]}
          width={30}
          autoComplete="off"
          spellCheck={false}
          {...form.bind('target')}
        />
        {values.kind === 'statuspage' ? (
          <TextField
            label="Component"
            hint="Its name on the status page, like Adastra API. Under maintenance counts as degraded."
            width={30}
            {...form.bind('component')}
          />
        ) : null}
        {values.kind === 'http' ? (
          <TextField
            label="Text the page must contain (optional)"
            width={30}
            {...form.bind('expectKeyword')}
          />
        ) : null}
        {NUMBERS.filter((n) => n.field !== 'degradedMs' || values.kind !== 'statuspage').map((n) => (
          <TextField
            key={n.field}
            label={n.label}
            hint={n.hint}
            width={10}
            inputMode="numeric"
            {...form.bind(n.field)}
          />
        ))}
        <SubmitButton pending={create.isPending}>Add probe</SubmitButton>
      </form>
      <h2 className="nhsuk-heading-m">Probes</h2>
      <AdminTable
        testId="probes"
        caption="Probes"
        columns={['System and site', 'Check', 'Last result', 'Actions']}
        query={probes}
        empty="No probes yet."
      >
        {(probe) => {
          const place = label(probe.systemId, probe.siteId, 'all sites');
          const what = `probe of ${place}`;
          return (
            <AdminRow key={probe.id} data-probe={probe.id} head={place}>
              <Cell>
                <span className="app-break">{probe.target ?? '—'}</span>
                {probe.component ? ` (${probe.component})` : ''}
                <span className="nhsuk-body-s app-subline">
                  {KINDS.find((k) => k.value === probe.kind)?.label}, every {probe.intervalS} s, timeout{' '}
                  {probe.timeoutMs} ms, {probe.retries} {probe.retries === 1 ? 'retry' : 'retries'}
                  {probe.enabled ? '' : ' — off'}
                </span>
              </Cell>
              <Cell>
                <LastResult last={probe.last} />
              </Cell>
              <Cell>
                <RowButton
                  what={what}
                  margin={2}
                  disabled={update.isPending}
                  onClick={() => update.mutate({ id: probe.id, enabled: !probe.enabled })}
                >
                  {probe.enabled ? 'Turn off' : 'Turn on'}
                </RowButton>{' '}
                <RemoveButton action={remove} input={{ id: probe.id }} what={what} />
              </Cell>
            </AdminRow>
          );
        }}
      </AdminTable>
    </>
  );
}

/** A probe's last result: its status, response time and when, and any detail. */
function LastResult({
  last,
}: {
  last:
    | { status: string; responseMs: number | null; at: string | Date; detail?: string | null }
    | null
    | undefined;
}) {
  if (!last) return <span className="nhsuk-body-s">Not run yet</span>;
  return (
    <>
      <strong className={`nhsuk-tag ${STATUS_TAG[last.status] ?? 'nhsuk-tag--grey'}`}>{last.status}</strong>
      <span className="nhsuk-body-s app-subline">
        {last.responseMs === null ? '—' : `${last.responseMs} ms`} at {ukDateTime(last.at)}
      </span>
      {last.detail ? <span className="nhsuk-body-s app-subline">{last.detail}</span> : null}
    </>
  );
}
