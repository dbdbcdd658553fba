'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiErrors, fieldMessage } from '../../lib/admin/errors.ts';
import { ukDateTime } from '../../lib/format-date.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { SecretOnce } from './SecretOnce.tsx';
import { type SiteScope, SitesField, scopeText } from './SitesField.tsx';
import { TextField } from './TextField.tsx';

/** Display tokens for wallboard screens: create (the link is shown once), revoke (the screen stops at once). */
export function DisplaysAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const displays = useQuery(trpc.displays.list.queryOptions());
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const names = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.displays.list.queryKey() });
  const [name, setName] = useState('');
  const [scope, setScope] = useState<SiteScope>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [created, setCreated] = useState<{ name: string; url: string } | null>(null);
  const create = useMutation(
    trpc.displays.create.mutationOptions({
      onSuccess: (result, input) => {
        setCreated({ name: input.name, url: result.url });
        setName('');
        setErrors([]);
        void refresh();
      },
      onError: (error) => setErrors(apiErrors(error, 'display', ['name', 'sites'])),
    }),
  );
  const revoke = useMutation(
    trpc.displays.revoke.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (error) => setErrors(apiErrors(error, 'display', ['name'])),
    }),
  );

  function onCreate(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!name.trim())
      problems.push({ field: 'display-name', message: 'Enter a name for the screen, like Leeds floor TV 2' });
    if (scope !== 'all' && scope.length === 0)
      problems.push({ field: 'display-sites', message: 'Choose the sites it shows, or all sites' });
    setErrors(problems);
    if (problems.length === 0) create.mutate({ name: name.trim(), sites: scope });
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      {created ? (
        <SecretOnce title={`Display link for ${created.name}`} value={created.url}>
          <p>
            Open it once on the screen itself. The screen then stays signed in until the display is revoked.
          </p>
        </SecretOnce>
      ) : null}
      <h2 className="nhsuk-heading-m">Add a display</h2>
      <form onSubmit={onCreate} noValidate aria-label="Add a display">
        <TextField
          id="display-name"
          label="Name"
          hint="Where the screen is, so you can find it again"
          width={30}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldMessage(errors, 'display-name')}
        />
        <SitesField
          id="display-sites"
          legend="Sites it shows"
          value={scope}
          onChange={setScope}
          error={fieldMessage(errors, 'display-sites')}
        />
        <button className="nhsuk-button" type="submit" disabled={create.isPending}>
          Create display link
        </button>
      </form>
      <h2 className="nhsuk-heading-m">Displays</h2>
      {displays.data?.length === 0 ? (
        <p className="nhsuk-body">No displays yet.</p>
      ) : displays.data ? (
        <div className="nhsuk-table-container">
          <table className="nhsuk-table app-table" data-testid="displays">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Displays</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="col">
                  Display
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
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {displays.data.map((display) => (
                <tr className="nhsuk-table__row" key={display.id} data-display={display.name}>
                  <th className="nhsuk-table__cell" scope="row">
                    {display.name}
                    <span className="nhsuk-body-s app-window app-subline">
                      Created {ukDateTime(display.createdAt)}
                    </span>
                  </th>
                  <td className="nhsuk-table__cell">{scopeText(display.sites, names)}</td>
                  <td className="nhsuk-table__cell">{ukDateTime(display.lastSeenAt)}</td>
                  <td className="nhsuk-table__cell">
                    {display.revokedAt ? (
                      <strong className="nhsuk-tag nhsuk-tag--grey">
                        Revoked {ukDateTime(display.revokedAt)}
                      </strong>
                    ) : (
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--small nhsuk-button--warning nhsuk-u-margin-bottom-0"
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutate({ id: display.id })}
                      >
                        Revoke<span className="nhsuk-u-visually-hidden"> {display.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="nhsuk-body">{displays.error ? displays.error.message : 'Loading…'}</p>
      )}
    </>
  );
}
