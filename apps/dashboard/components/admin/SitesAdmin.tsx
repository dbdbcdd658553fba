'use client';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { AdminRow, AdminTable, Cell } from './kit/AdminTable.tsx';
import { SubmitButton } from './kit/SubmitButton.tsx';
import { useAdminForm, useAdminMutation } from './kit/useAdminForm.ts';
import { RenameForm } from './RenameForm.tsx';
import { type SiteScope, SitesField } from './SitesField.tsx';
import { TextField } from './TextField.tsx';

const ID = /^[A-Za-z0-9._:-]{1,64}$/;
const ID_HINT = 'Letters, digits and . _ : - (it cannot change later; feeds send it)';

/** Sites and systems: add one, rename one. Their ids stay: feeds and history refer to them. */
export function SitesAdmin() {
  const trpc = useTRPC();
  const sites = useQuery(trpc.sites.list.queryOptions());
  const systems = useQuery(trpc.systems.list.queryOptions());
  const invalidate = [trpc.sites.list.queryKey(), trpc.systems.list.queryKey()];
  const form = useAdminForm('site', {
    siteId: '',
    siteName: '',
    region: '',
    systemId: '',
    systemName: '',
    systemSites: 'all' as SiteScope,
  });
  const { values } = form;
  const [done, setDone] = useState<string | null>(null);
  const ok = (message: string) => ({
    invalidate,
    onSuccess: () => {
      form.setErrors([]);
      setDone(message);
    },
  });
  const addSite = useAdminMutation(trpc.admin.sites.add.mutationOptions(), {
    ...ok('Site added'),
    onError: form.apiError(['id', 'name', 'region']),
  });
  const renameSite = useAdminMutation(trpc.admin.sites.rename.mutationOptions(), {
    ...ok('Site renamed'),
    onError: form.apiError(['name']),
  });
  const addSystem = useAdminMutation(trpc.admin.systems.add.mutationOptions(), {
    ...ok('System added'),
    onError: form.apiError(['id', 'name', 'siteIds'], 'system'),
  });
  const renameSystem = useAdminMutation(trpc.admin.systems.rename.mutationOptions(), {
    ...ok('System renamed'),
    onError: form.apiError(['name'], 'system'),
  });

  /** The id and name checks both forms make. */
  function idAndName(kind: 'site' | 'system', id: string, name: string): FieldError[] {
    const problems: FieldError[] = [];
    if (!ID.test(id)) problems.push({ field: `${kind}-id`, message: `Enter the ${kind} id: ${ID_HINT}` });
    if (!name.trim()) problems.push({ field: `${kind}-name`, message: `Enter the ${kind} name` });
    form.setErrors(problems);
    return problems;
  }
  function onAddSite(event: FormEvent) {
    event.preventDefault();
    const { siteId: id, siteName: name, region } = values;
    if (idAndName('site', id, name).length === 0)
      addSite.mutate({ id, name: name.trim(), region: region.trim() || undefined });
  }
  function onAddSystem(event: FormEvent) {
    event.preventDefault();
    const { systemId: id, systemName: name, systemSites } = values;
    const siteIds = systemSites === 'all' ? (sites.data ?? []).map((s) => s.id) : systemSites;
    if (idAndName('system', id, name).length === 0) addSystem.mutate({ id, name: name.trim(), siteIds });
  }

  /** A site's or system's row: its id, then its name with a rename form (and `more` cells). */
  const renameRow = (
    kind: 'site' | 'system',
    record: { id: string; name: string },
    rename: { isPending: boolean; mutate(input: { id: string; name: string }): void },
    more?: ReactNode,
  ) => (
    <AdminRow key={record.id} {...{ [`data-${kind}`]: record.id }} head={record.id}>
      <Cell>
        <RenameForm
          id={`${kind}-rename-${record.id}`}
          label={`New name for ${kind} ${record.id}`}
          name={record.name}
          pending={rename.isPending}
          onRename={(name) => rename.mutate({ id: record.id, name })}
        />
      </Cell>
      {more}
    </AdminRow>
  );

  return (
    <>
      <ErrorSummary errors={form.errors} />
      {done && form.errors.length === 0 ? (
        <p className="nhsuk-body" role="status">
          {done}.
        </p>
      ) : null}
      <h2 className="nhsuk-heading-m">Sites</h2>
      <AdminTable testId="sites" caption="Sites" columns={['Id', 'Name']} rows={sites.data ?? []} bare>
        {(s) => renameRow('site', s, renameSite)}
      </AdminTable>
      <form onSubmit={onAddSite} noValidate aria-label="Add a site">
        <h3 className="nhsuk-heading-s">Add a site</h3>
        <div className="app-admin-form">
          <TextField label="Id" width={10} {...form.bind('siteId', 'site-id')} />
          <TextField label="Name" width={20} {...form.bind('siteName', 'site-name')} />
          <TextField label="Region (optional)" width={20} {...form.bind('region')} />
          <SubmitButton pending={addSite.isPending}>Add site</SubmitButton>
        </div>
      </form>

      <h2 className="nhsuk-heading-m">Systems</h2>
      <AdminTable
        testId="systems"
        caption="Systems"
        columns={['Id', 'Name', 'Sites']}
        rows={systems.data ?? []}
        bare
      >
        {(s) => renameRow('system', s, renameSystem, <Cell>{s.siteIds.length}</Cell>)}
      </AdminTable>
      <form onSubmit={onAddSystem} noValidate aria-label="Add a system">
        <h3 className="nhsuk-heading-s">Add a system</h3>
        <div className="app-admin-form">
          <TextField label="Id" width={10} {...form.bind('systemId', 'system-id')} />
          <TextField label="Name" width={20} {...form.bind('systemName', 'system-name')} />
        </div>
        <SitesField
          id="system-siteIds"
          legend="Sites that use it"
          value={values.systemSites}
          onChange={(systemSites) => form.set({ systemSites })}
        />
        <SubmitButton pending={addSystem.isPending}>Add system</SubmitButton>
      </form>
    </>
  );
}
