'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiErrors, fieldMessage } from '../../lib/admin/errors.ts';
import { ukDateTime } from '../../lib/format-date.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { roleLabel } from '../layout/AccountMenu.tsx';
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
  const queryClient = useQueryClient();
  const users = useQuery(trpc.admin.users.list.queryOptions());
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const names = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.users.list.queryKey() });

  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [scope, setScope] = useState<SiteScope>('all');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const invite = useMutation(
    trpc.admin.users.invite.mutationOptions({
      onSuccess: (result, input) => {
        setLink({ email: input.email, url: result.signInUrl });
        setEmail('');
        setName('');
        setErrors([]);
        void refresh();
      },
      onError: (error) => setErrors(apiErrors(error, 'invite', ['email', 'name', 'role', 'sites'])),
    }),
  );
  const update = useMutation(
    trpc.admin.users.update.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (error) => setErrors(apiErrors(error, 'invite', ['email'])),
    }),
  );

  const newLink = useMutation(
    trpc.admin.users.signInLink.mutationOptions({
      onSuccess: (result, input) => setLink({ email: input.email, url: result.signInUrl }),
      onError: (error) => setErrors(apiErrors(error, 'invite', ['email'])),
    }),
  );

  function onInvite(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      problems.push({ field: 'invite-email', message: 'Enter an email address, like name@nhs.net' });
    if (scope !== 'all' && scope.length === 0)
      problems.push({ field: 'invite-sites', message: 'Choose at least one site, or all sites' });
    setErrors(problems);
    if (problems.length === 0) {
      invite.mutate({ email: email.trim(), name: name.trim() || undefined, role, sites: scope });
    }
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      {link ? (
        <SecretOnce title={`One-time sign-in link for ${link.email}`} value={link.url}>
          <p>Send it to them by a trusted route. It works once, and expires.</p>
        </SecretOnce>
      ) : null}
      <h2 className="nhsuk-heading-m">Invite someone</h2>
      <form onSubmit={onInvite} noValidate aria-label="Invite someone">
        <div className="app-admin-form">
          <TextField
            id="invite-email"
            label="Email address"
            type="email"
            width={30}
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldMessage(errors, 'invite-email')}
          />
          <TextField
            id="invite-name"
            label="Name (optional)"
            width={20}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <SelectField
            id="invite-role"
            label="Role"
            options={ROLES}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
          />
        </div>
        <SitesField
          id="invite-sites"
          legend="Sites they may see"
          value={scope}
          onChange={setScope}
          error={fieldMessage(errors, 'invite-sites')}
        />
        <button className="nhsuk-button" type="submit" disabled={invite.isPending}>
          Invite and create a sign-in link
        </button>
      </form>

      <h2 className="nhsuk-heading-m">People</h2>
      {users.data ? (
        <div className="nhsuk-table-container">
          <table className="nhsuk-table app-table" data-testid="users">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">People who may sign in</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="col">
                  Name
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Role
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Sites
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Last seen
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Status
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {users.data.map((user) => (
                <tr className="nhsuk-table__row" key={user.id} data-user={user.email}>
                  <th className="nhsuk-table__cell" scope="row">
                    {user.name || user.email}
                    <span className="nhsuk-body-s app-window app-subline">{user.email}</span>
                  </th>
                  <td className="nhsuk-table__cell">
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
                  </td>
                  <td className="nhsuk-table__cell">{scopeText(user.sites, names)}</td>
                  <td className="nhsuk-table__cell">{ukDateTime(user.lastSeenAt ?? null)}</td>
                  <td className="nhsuk-table__cell">
                    {user.disabled ? (
                      <strong className="nhsuk-tag nhsuk-tag--grey">Disabled</strong>
                    ) : (
                      <strong className="nhsuk-tag nhsuk-tag--green">Active</strong>
                    )}
                  </td>
                  <td className="nhsuk-table__cell">
                    <button
                      type="button"
                      className={`nhsuk-button nhsuk-button--small nhsuk-u-margin-bottom-0 ${user.disabled ? 'nhsuk-button--secondary' : 'nhsuk-button--warning'}`}
                      disabled={update.isPending}
                      onClick={() => update.mutate({ id: user.id, disabled: !user.disabled })}
                    >
                      {user.disabled ? 'Enable' : 'Disable'}
                      <span className="nhsuk-u-visually-hidden"> {user.email}</span>
                    </button>{' '}
                    {user.disabled ? null : (
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--small nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                        disabled={newLink.isPending}
                        onClick={() => newLink.mutate({ email: user.email })}
                      >
                        New sign-in link<span className="nhsuk-u-visually-hidden"> for {user.email}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="nhsuk-body">{users.error ? users.error.message : 'Loading…'}</p>
      )}
    </>
  );
}
