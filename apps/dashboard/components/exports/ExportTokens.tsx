'use client';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ukDateTime } from '../../lib/format-date.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { AdminRow, AdminTable, Cell } from '../admin/kit/AdminTable.tsx';
import { RevokedOr } from '../admin/kit/RowButton.tsx';
import { SubmitButton } from '../admin/kit/SubmitButton.tsx';
import { useAdminForm, useAdminMutation } from '../admin/kit/useAdminForm.ts';
import { SecretOnce } from '../admin/SecretOnce.tsx';
import { scopeText } from '../admin/SitesField.tsx';
import { TextField } from '../admin/TextField.tsx';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';

/**
 * Export tokens: read-only keys to the CSV exports for Power Query or a scheduled script. Created here
 * (shown once), listed, revoked. They act as their owner and stop when the owner loses the analyst role.
 */
export function ExportTokens() {
  const trpc = useTRPC();
  const tokens = useQuery(trpc.exportTokens.list.queryOptions());
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const names = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const invalidate = [trpc.exportTokens.list.queryKey()];
  const form = useAdminForm('token', { name: '' });
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const create = useAdminMutation(trpc.exportTokens.create.mutationOptions(), {
    invalidate,
    onSuccess: (result, input) => {
      setCreated({ name: input.name, token: result.token });
      form.set({ name: '' });
      form.setErrors([]);
    },
    onError: form.apiError(['name']),
  });
  const revoke = useAdminMutation(trpc.exportTokens.revoke.mutationOptions(), {
    invalidate,
    onError: form.apiError(['name']),
  });

  function onCreate(event: FormEvent) {
    event.preventDefault();
    const name = form.values.name.trim();
    if (!name) {
      form.setErrors([
        { field: 'token-name', message: 'Enter a name for the token, like Power BI monthly return' },
      ]);
      return;
    }
    create.mutate({ name });
  }

  // Only drawn after a token is created, in the browser: the page's own address.
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const example = `${origin}/export/iuc-adc.csv?period=month&from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z`;
  return (
    <>
      <ErrorSummary errors={form.errors} />
      {created ? (
        <SecretOnce title={`Export token ${created.name}`} value={created.token}>
          <p>Send it as a header with any export address, for example:</p>
          <pre className="app-secret">{`curl -H "Authorization: Bearer ${created.token}" \\\n  "${example}"`}</pre>
        </SecretOnce>
      ) : null}
      <form onSubmit={onCreate} noValidate aria-label="Create an export token">
        <TextField
          label="Token name"
          hint="What will use it, so you know what stops if you revoke it"
          width={30}
          {...form.bind('name')}
        />
        <SubmitButton pending={create.isPending} secondary>
          Create export token
        </SubmitButton>
      </form>
      <AdminTable
        testId="export-tokens"
        caption="Export tokens"
        columns={['Token', 'Owner', 'Sites', 'Last used', 'Status']}
        query={tokens}
        empty="No export tokens yet."
      >
        {(token) => (
          <AdminRow
            key={token.id}
            data-token={token.name}
            head={
              <>
                {token.name}
                <span className="nhsuk-body-s app-window app-subline">
                  Created {ukDateTime(token.createdAt)}
                </span>
              </>
            }
          >
            <Cell>{token.owner}</Cell>
            <Cell>{token.sites === 'all' ? "The owner's sites" : scopeText(token.sites, names)}</Cell>
            <Cell>{token.lastUsedAt ? ukDateTime(token.lastUsedAt) : 'Never'}</Cell>
            <Cell>
              <RevokedOr revokedAt={token.revokedAt} what={token.name} revoke={revoke} id={token.id} />
            </Cell>
          </AdminRow>
        )}
      </AdminTable>
    </>
  );
}
