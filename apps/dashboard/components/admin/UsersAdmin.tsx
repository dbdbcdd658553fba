'use client';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ukDateTime } from '../../lib/format-date.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { roleLabel } from '../layout/AccountMenu.tsx';
import { AdminRow, AdminTable, Cell } from './kit/AdminTable.tsx';
import { RowButton } from './kit/RowButton.tsx';
import { SubmitButton } from './kit/SubmitButton.tsx';
import { useAdminForm, useAdminMutation } from './kit/useAdminForm.ts';
import { SecretOnce } from './SecretOnce.tsx';
import { type SiteScope, SitesField, scopeText } from './SitesField.tsx';
import { SelectField, TextField } from './TextField.tsx';

export const ROLES = [
  { value: 'viewer', label: 'Viewer — reads figures' },
  { value: 'analyst', label: 'Analyst — reads and exports' },
  { value: 'manager', label: 'Manager — incidents, displays' },
  { value: 'admin', label: 'Administrator — everything' },
] as const;
type Role = (typeof ROLES)[number]['value'];

/** People: invite (a one-time sign-in link to pass on), change role and sites, disable or enable. */
export function UsersAdmin() {
  const trpc = useTRPC();
  const users = useQuery(trpc.admin.users.list.queryOptions());
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const names = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const invalidate = [trpc.admin.users.list.queryKey()];
  const form = useAdminForm('invite', {
    email: '',
    name: '',
    role: 'viewer' as Role,
    sites: 'all' as SiteScope,
  });
  const { email, name, role, sites: scope } = form.values;
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const invite = useAdminMutation(trpc.admin.users.invite.mutationOptions(), {
    invalidate,
    onSuccess: (result, input) => {
      setLink({ email: input.email, url: result.signInUrl });
      form.set({ email: '', name: '' });
      form.setErrors([]);
    },
    onError: form.apiError(['email', 'name', 'role', 'sites']),
  });
  const update = useAdminMutation(trpc.admin.users.update.mutationOptions(), {
    invalidate,
    onError: form.apiError(['email']),
  });
  const newLink = useAdminMutation(trpc.admin.users.signInLink.mutationOptions(), {
    invalidate: [],
    onSuccess: (result, input) => setLink({ email: input.email, url: result.signInUrl }),
    onError: form.apiError(['email']),
  });

  function onInvite(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      problems.push({ field: 'invite-email', message: 'Enter an email address, like name@nhs.net' });
    if (scope !== 'all' && scope.length === 0)
      problems.push({ field: 'invite-sites', message: 'Choose at least one site, or all sites' });
    form.setErrors(problems);
    if (problems.length === 0) {
      invite.mutate({ email: email.trim(), name: name.trim() || undefined, role, sites: scope });
    }
  }

  return (
    <>
      <ErrorSummary errors={form.errors} />
      {link ? (
        <SecretOnce title={`One-time sign-in link for ${link.email}`} value={link.url}>
          <p>Send it to them by a trusted route. It works once, and expires.</p>
        </SecretOnce>
      ) : null}
      <h2 className="nhsuk-heading-m">Invite someone</h2>
      <form onSubmit={onInvite} noValidate aria-label="Invite someone">
        <div className="app-admin-form">
          <TextField
            label="Email address"
            type="email"
            width={30}
            autoComplete="off"
            {...form.bind('email')}
          />
          <TextField label="Name (optional)" width={20} {...form.bind('name')} />
          <SelectField label="Role" options={ROLES} {...form.bind('role')} />
        </div>
        <SitesField
          id="invite-sites"
          legend="Sites they may see"
          value={scope}
          onChange={(sites) => form.set({ sites })}
          error={form.message('invite-sites')}
        />
        <SubmitButton pending={invite.isPending}>Invite and create a sign-in link</SubmitButton>
      </form>

      <h2 className="nhsuk-heading-m">People</h2>
      <AdminTable
        testId="users"
        caption="People who may sign in"
        columns={['Name', 'Role', 'Sites', 'Last seen', 'Status', 'Actions']}
        query={users}
      >
        {(user) => (
          <AdminRow
            key={user.id}
            data-user={user.email}
            head={
              <>
                {user.name || user.email}
                <span className="nhsuk-body-s app-window app-subline">{user.email}</span>
              </>
            }
          >
            <Cell>
              <label className="nhsuk-u-visually-hidden" htmlFor={`role-${user.id}`}>
                Role of {user.email}
              </label>
              <select
                className="nhsuk-select"
                id={`role-${user.id}`}
                value={user.role}
                disabled={update.isPending}
                onChange={(e) => update.mutate({ id: user.id, role: e.target.value as Role })}
              >
                {ROLES.map((r) => (
                  <option key={r.value} value={r.value}>
                    {roleLabel(r.value)}
                  </option>
                ))}
              </select>
            </Cell>
            <Cell>{scopeText(user.sites, names)}</Cell>
            <Cell>{ukDateTime(user.lastSeenAt ?? null)}</Cell>
            <Cell>
              {user.disabled ? (
                <strong className="nhsuk-tag nhsuk-tag--grey">Disabled</strong>
              ) : (
                <strong className="nhsuk-tag nhsuk-tag--green">Active</strong>
              )}
            </Cell>
            <Cell>
              <RowButton
                tone={user.disabled ? 'secondary' : 'warning'}
                what={user.email}
                disabled={update.isPending}
                onClick={() => update.mutate({ id: user.id, disabled: !user.disabled })}
              >
                {user.disabled ? 'Enable' : 'Disable'}
              </RowButton>{' '}
              {user.disabled ? null : (
                <RowButton
                  what={`for ${user.email}`}
                  disabled={newLink.isPending}
                  onClick={() => newLink.mutate({ email: user.email })}
                >
                  New sign-in link
                </RowButton>
              )}
            </Cell>
          </AdminRow>
        )}
      </AdminTable>
    </>
  );
}
