'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiErrors, fieldMessage } from '../../lib/admin/errors.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { RenameForm } from './RenameForm.tsx';
import { type SiteScope, SitesField } from './SitesField.tsx';
import { TextField } from './TextField.tsx';

const ID = /^[A-Za-z0-9._:-]{1,64}$/;
const ID_HINT = 'Letters, digits and . _ : - (it cannot change later; feeds send it)';

/** Sites and systems: add one, rename one. Their ids stay: feeds and history refer to them. */
export function SitesAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sites = useQuery(trpc.sites.list.queryOptions());
  const systems = useQuery(trpc.systems.list.queryOptions());
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.sites.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.systems.list.queryKey() }),
    ]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const ok = (message: string) => () => {
    setErrors([]);
    setDone(message);
    void refresh();
  };
  const addSite = useMutation(
    trpc.admin.sites.add.mutationOptions({
      onSuccess: ok('Site added'),
      onError: (e) => setErrors(apiErrors(e, 'site', ['id', 'name', 'region'])),
    }),
  );
  const renameSite = useMutation(
    trpc.admin.sites.rename.mutationOptions({
      onSuccess: ok('Site renamed'),
      onError: (e) => setErrors(apiErrors(e, 'site', ['name'])),
    }),
  );
  const addSystem = useMutation(
    trpc.admin.systems.add.mutationOptions({
      onSuccess: ok('System added'),
      onError: (e) => setErrors(apiErrors(e, 'system', ['id', 'name', 'siteIds'])),
    }),
  );
  const renameSystem = useMutation(
    trpc.admin.systems.rename.mutationOptions({
      onSuccess: ok('System renamed'),
      onError: (e) => setErrors(apiErrors(e, 'system', ['name'])),
    }),
  );

  const [site, setSite] = useState({ id: '', name: '', region: '' });
  const [system, setSystem] = useState({ id: '', name: '' });
  const [systemSites, setSystemSites] = useState<SiteScope>('all');

  function onAddSite(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!ID.test(site.id)) problems.push({ field: 'site-id', message: `Enter the site id: ${ID_HINT}` });
    if (!site.name.trim()) problems.push({ field: 'site-name', message: 'Enter the site name' });
    setErrors(problems);
    if (problems.length === 0)
      addSite.mutate({ id: site.id, name: site.name.trim(), region: site.region.trim() || undefined });
  }
  function onAddSystem(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!ID.test(system.id))
      problems.push({ field: 'system-id', message: `Enter the system id: ${ID_HINT}` });
    if (!system.name.trim()) problems.push({ field: 'system-name', message: 'Enter the system name' });
    setErrors(problems);
    const siteIds = systemSites === 'all' ? (sites.data ?? []).map((s) => s.id) : systemSites;
    if (problems.length === 0) addSystem.mutate({ id: system.id, name: system.name.trim(), siteIds });
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      {done && errors.length === 0 ? (
        <p className="nhsuk-body" role="status">
          {done}.
        </p>
      ) : null}
      <h2 className="nhsuk-heading-m">Sites</h2>
      <table className="nhsuk-table app-table" data-testid="sites">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Sites</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">
              Id
            </th>
            <th className="nhsuk-table__header" scope="col">
              Name
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {(sites.data ?? []).map((s) => (
            <tr className="nhsuk-table__row" key={s.id} data-site={s.id}>
              <th className="nhsuk-table__cell" scope="row">
                {s.id}
              </th>
              <td className="nhsuk-table__cell">
                <RenameForm
                  id={`site-rename-${s.id}`}
                  label={`New name for site ${s.id}`}
                  name={s.name}
                  pending={renameSite.isPending}
                  onRename={(name) => renameSite.mutate({ id: s.id, name })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={onAddSite} noValidate aria-label="Add a site">
        <h3 className="nhsuk-heading-s">Add a site</h3>
        <div className="app-admin-form">
          <TextField
            id="site-id"
            label="Id"
            width={10}
            value={site.id}
            onChange={(e) => setSite({ ...site, id: e.target.value })}
            error={fieldMessage(errors, 'site-id')}
          />
          <TextField
            id="site-name"
            label="Name"
            width={20}
            value={site.name}
            onChange={(e) => setSite({ ...site, name: e.target.value })}
            error={fieldMessage(errors, 'site-name')}
          />
          <TextField
            id="site-region"
            label="Region (optional)"
            width={20}
            value={site.region}
            onChange={(e) => setSite({ ...site, region: e.target.value })}
          />
          <button className="nhsuk-button" type="submit" disabled={addSite.isPending}>
            Add site
          </button>
        </div>
      </form>

      <h2 className="nhsuk-heading-m">Systems</h2>
      <table className="nhsuk-table app-table" data-testid="systems">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Systems</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">
              Id
            </th>
            <th className="nhsuk-table__header" scope="col">
              Name
            </th>
            <th className="nhsuk-table__header" scope="col">
              Sites
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {(systems.data ?? []).map((s) => (
            <tr className="nhsuk-table__row" key={s.id} data-system={s.id}>
              <th className="nhsuk-table__cell" scope="row">
                {s.id}
              </th>
              <td className="nhsuk-table__cell">
                <RenameForm
                  id={`system-rename-${s.id}`}
                  label={`New name for system ${s.id}`}
                  name={s.name}
                  pending={renameSystem.isPending}
                  onRename={(name) => renameSystem.mutate({ id: s.id, name })}
                />
              </td>
              <td className="nhsuk-table__cell">{s.siteIds.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={onAddSystem} noValidate aria-label="Add a system">
        <h3 className="nhsuk-heading-s">Add a system</h3>
        <div className="app-admin-form">
          <TextField
            id="system-id"
            label="Id"
            width={10}
            value={system.id}
            onChange={(e) => setSystem({ ...system, id: e.target.value })}
            error={fieldMessage(errors, 'system-id')}
          />
          <TextField
            id="system-name"
            label="Name"
            width={20}
            value={system.name}
            onChange={(e) => setSystem({ ...system, name: e.target.value })}
            error={fieldMessage(errors, 'system-name')}
          />
        </div>
        <SitesField
          id="system-siteIds"
          legend="Sites that use it"
          value={systemSites}
          onChange={setSystemSites}
        />
        <button className="nhsuk-button" type="submit" disabled={addSystem.isPending}>
          Add system
        </button>
      </form>
    </>
  );
}
