'use client';
import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { AdminRow, AdminTable, Cell } from './kit/AdminTable.tsx';
import { RemoveButton } from './kit/RowButton.tsx';
import { SubmitButton } from './kit/SubmitButton.tsx';
import { SystemSiteFields, useSystemsAndSites } from './kit/SystemSiteFields.tsx';
import { useAdminForm, useAdminMutation } from './kit/useAdminForm.ts';
import { TextField } from './TextField.tsx';

const FIELDS = ['systemId', 'siteId', 'periodS', 'graceS'];

/** Heartbeat expectations: how often a system at a site should report, and the grace before "unknown". */
export function HeartbeatsAdmin({ defaultS }: { defaultS?: number }) {
  const trpc = useTRPC();
  const expectations = useQuery(trpc.heartbeats.list.queryOptions());
  const { label } = useSystemsAndSites();
  const form = useAdminForm('heartbeat', { systemId: '', siteId: '', periodS: '30', graceS: '10' });
  const how = { invalidate: [trpc.heartbeats.list.queryKey()], onError: form.apiError(FIELDS) };
  const save = useAdminMutation(trpc.heartbeats.set.mutationOptions(), {
    ...how,
    onSuccess: () => form.setErrors([]),
  });
  const clear = useAdminMutation(trpc.heartbeats.clear.mutationOptions(), how);

  function onSave(event: FormEvent) {
    event.preventDefault();
    const { systemId, siteId } = form.values;
    const problems: FieldError[] = [];
    if (!systemId) problems.push({ field: 'heartbeat-systemId', message: 'Choose the system' });
    const periodS = Number(form.values.periodS);
    const graceS = Number(form.values.graceS);
    if (!Number.isInteger(periodS) || periodS < 5)
      problems.push({ field: 'heartbeat-periodS', message: 'Enter the period in whole seconds, 5 or more' });
    if (!Number.isInteger(graceS) || graceS < 0)
      problems.push({ field: 'heartbeat-graceS', message: 'Enter the grace in whole seconds, 0 or more' });
    form.setErrors(problems);
    if (problems.length === 0) save.mutate({ systemId, ...(siteId ? { siteId } : {}), periodS, graceS });
  }

  return (
    <>
      <h2 className="nhsuk-heading-m">Heartbeat expectations</h2>
      <p className="nhsuk-body">
        How often a system at a site should report, and how long to wait after that before showing it as
        unknown. Without one, a report holds for {defaultS ? `${defaultS} s` : 'the default timeout'}.
      </p>
      <ErrorSummary errors={form.errors} />
      <form onSubmit={onSave} noValidate aria-label="Set a heartbeat expectation">
        <SystemSiteFields system={form.bind('systemId')} site={form.bind('siteId')} national="National" />
        <TextField
          label="Expected every (seconds)"
          width={10}
          inputMode="numeric"
          {...form.bind('periodS')}
        />
        <TextField label="Grace (seconds)" width={10} inputMode="numeric" {...form.bind('graceS')} />
        <SubmitButton pending={save.isPending} secondary>
          Save expectation
        </SubmitButton>
      </form>
      {expectations.data && expectations.data.length > 0 ? (
        <AdminTable
          testId="heartbeats"
          caption="Heartbeat expectations"
          columns={['System and site', 'Expected', 'Actions']}
          rows={expectations.data}
        >
          {(e) => {
            const what = label(e.systemId, e.siteId, 'national');
            return (
              <AdminRow key={`${e.systemId}|${e.siteId ?? ''}`} head={what}>
                <Cell>
                  every {e.periodS} s, + {e.graceS} s grace
                </Cell>
                <Cell>
                  <RemoveButton
                    action={clear}
                    input={{ systemId: e.systemId, ...(e.siteId ? { siteId: e.siteId } : {}) }}
                    what={`expectation of ${what}`}
                  >
                    Clear
                  </RemoveButton>
                </Cell>
              </AdminRow>
            );
          }}
        </AdminTable>
      ) : null}
    </>
  );
}
