'use client';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ukDateTime } from '../../lib/format-date.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { AdminRow, AdminTable, Cell } from './kit/AdminTable.tsx';
import { RevokedOr } from './kit/RowButton.tsx';
import { SubmitButton } from './kit/SubmitButton.tsx';
import { useAdminForm, useAdminMutation } from './kit/useAdminForm.ts';
import { SecretOnce } from './SecretOnce.tsx';
import { type SiteScope, SitesField, scopeText } from './SitesField.tsx';
import { TextField } from './TextField.tsx';

/** Feed keys: create one for a feed and its sites (shown once), revoke one (refused at once). */
export function KeysAdmin() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.admin.keys.list.queryOptions());
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const names = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const invalidate = [trpc.admin.keys.list.queryKey()];
  const form = useAdminForm('key', { feed: '', name: '', sites: [] as SiteScope });
  const { feed, name, sites: scope } = form.values;
  const [created, setCreated] = useState<{ feed: string; key: string } | null>(null);
  const create = useAdminMutation(trpc.admin.keys.create.mutationOptions(), {
    invalidate,
    onSuccess: (result, input) => {
      setCreated({ feed: input.feed, key: result.key });
      form.set({ feed: '', name: '' });
      form.setErrors([]);
    },
    onError: form.apiError(['feed', 'sites', 'name']),
  });
  const revoke = useAdminMutation(trpc.admin.keys.revoke.mutationOptions(), {
    invalidate,
    onError: form.apiError(['feed']),
  });

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
    form.setErrors(problems);
    if (problems.length === 0)
      create.mutate({ feed: feed.trim(), sites: scope, name: name.trim() || undefined });
  }

  return (
    <>
      <ErrorSummary errors={form.errors} />
      {created ? (
        <SecretOnce title={`New key for the ${created.feed} feed`} value={created.key}>
          <p>Give it to the feed's owner: it goes in the header Authorization: Bearer &lt;key&gt;.</p>
        </SecretOnce>
      ) : null}
      <h2 className="nhsuk-heading-m">Create a feed key</h2>
      <form onSubmit={onCreate} noValidate aria-label="Create a feed key">
        <div className="app-admin-form">
          <TextField
            label="Feed"
            hint="What sends with it: telephony, cas, probes"
            width={20}
            {...form.bind('feed')}
          />
          <TextField label="Name (optional)" width={20} {...form.bind('name')} />
        </div>
        <SitesField
          id="key-sites"
          legend="Sites it may write to"
          value={scope}
          onChange={(sites) => form.set({ sites })}
          error={form.message('key-sites')}
        />
        <SubmitButton pending={create.isPending}>Create key</SubmitButton>
      </form>
      <h2 className="nhsuk-heading-m">Feed keys</h2>
      <AdminTable
        testId="keys"
        caption="Feed keys"
        columns={['Key', 'Feed', 'Sites', 'Created', 'Status']}
        query={keys}
        empty="No feed keys yet."
      >
        {(key) => (
          <AdminRow key={key.id} data-key={key.id} head={key.name || key.id}>
            <Cell>{key.feed}</Cell>
            <Cell>{scopeText(key.sites, names)}</Cell>
            <Cell>{ukDateTime(key.createdAt)}</Cell>
            <Cell>
              <RevokedOr
                revokedAt={key.revokedAt}
                what={`key ${key.name || key.id}`}
                revoke={revoke}
                id={key.id}
              />
            </Cell>
          </AdminRow>
        )}
      </AdminTable>
    </>
  );
}
