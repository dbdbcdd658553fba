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

/** Feed keys: create one for a feed and its sites (shown once), revoke one (refused at once). */
export function KeysAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.admin.keys.list.queryOptions());
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const names = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.keys.list.queryKey() });
  const [feed, setFeed] = useState('');
  const [name, setName] = useState('');
  const [scope, setScope] = useState<SiteScope>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [created, setCreated] = useState<{ feed: string; key: string } | null>(null);
  const create = useMutation(
    trpc.admin.keys.create.mutationOptions({
      onSuccess: (result, input) => {
        setCreated({ feed: input.feed, key: result.key });
        setFeed('');
        setName('');
        setErrors([]);
        void refresh();
      },
      onError: (error) => setErrors(apiErrors(error, 'key', ['feed', 'sites', 'name'])),
    }),
  );
  const revoke = useMutation(
    trpc.admin.keys.revoke.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (error) => setErrors(apiErrors(error, 'key', ['feed'])),
    }),
  );

  function onCreate(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!/^[A-Za-z0-9._:-]{1,64}$/.test(feed.trim()))
      problems.push({
        field: 'key-feed',
        message: 'Enter the feed, like telephony (letters, digits, . _ : -)',
      });
    if (scope !== 'all' && scope.length === 0)
      problems.push({ field: 'key-sites', message: 'Choose the sites this feed writes to, or all sites' });
    setErrors(problems);
    if (problems.length === 0)
      create.mutate({ feed: feed.trim(), sites: scope, name: name.trim() || undefined });
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      {created ? (
        <SecretOnce title={`New key for the ${created.feed} feed`} value={created.key}>
          <p>Give it to the feed's owner: it goes in the header Authorization: Bearer &lt;key&gt;.</p>
        </SecretOnce>
      ) : null}
      <h2 className="nhsuk-heading-m">Create a feed key</h2>
      <form onSubmit={onCreate} noValidate aria-label="Create a feed key">
        <div className="app-admin-form">
          <TextField
            id="key-feed"
            label="Feed"
            hint="What sends with it: telephony, cas, probes"
            width={20}
            value={feed}
            onChange={(e) => setFeed(e.target.value)}
            error={fieldMessage(errors, 'key-feed')}
          />
          <TextField
            id="key-name"
            label="Name (optional)"
            width={20}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <SitesField
          id="key-sites"
          legend="Sites it may write to"
          value={scope}
          onChange={setScope}
          error={fieldMessage(errors, 'key-sites')}
        />
        <button className="nhsuk-button" type="submit" disabled={create.isPending}>
          Create key
        </button>
      </form>
      <h2 className="nhsuk-heading-m">Feed keys</h2>
      {keys.data?.length === 0 ? (
        <p className="nhsuk-body">No feed keys yet.</p>
      ) : keys.data ? (
        <div className="nhsuk-table-container">
          <table className="nhsuk-table app-table" data-testid="keys">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Feed keys</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="col">
                  Key
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Feed
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Sites
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Created
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {keys.data.map((key) => (
                <tr className="nhsuk-table__row" key={key.id} data-key={key.id}>
                  <th className="nhsuk-table__cell" scope="row">
                    {key.name || key.id}
                  </th>
                  <td className="nhsuk-table__cell">{key.feed}</td>
                  <td className="nhsuk-table__cell">{scopeText(key.sites, names)}</td>
                  <td className="nhsuk-table__cell">{ukDateTime(key.createdAt)}</td>
                  <td className="nhsuk-table__cell">
                    {key.revokedAt ? (
                      <strong className="nhsuk-tag nhsuk-tag--grey">
                        Revoked {ukDateTime(key.revokedAt)}
                      </strong>
                    ) : (
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--small nhsuk-button--warning nhsuk-u-margin-bottom-0"
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutate({ id: key.id })}
                      >
                        Revoke<span className="nhsuk-u-visually-hidden"> key {key.name || key.id}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="nhsuk-body">{keys.error ? keys.error.message : 'Loading…'}</p>
      )}
    </>
  );
}
