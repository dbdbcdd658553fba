'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiErrors, fieldMessage } from '../../lib/admin/errors.ts';
import { ukDateTime } from '../../lib/format-date.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { SecretOnce } from '../admin/SecretOnce.tsx';
import { scopeText } from '../admin/SitesField.tsx';
import { TextField } from '../admin/TextField.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';

/**
 * Export tokens: read-only keys to the CSV exports for Power Query or a scheduled script. Created here
 * (shown once), listed, revoked. They act as their owner and stop when the owner loses the analyst role.
 */
export function ExportTokens() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.exportTokens.list.queryOptions());
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const names = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.exportTokens.list.queryKey() });
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const create = useMutation(
    trpc.exportTokens.create.mutationOptions({
      onSuccess: (result, input) => {
        setCreated({ name: input.name, token: result.token });
        setName('');
        setErrors([]);
        void refresh();
      },
      onError: (error) => setErrors(apiErrors(error, 'token', ['name'])),
    }),
  );
  const revoke = useMutation(
    trpc.exportTokens.revoke.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (error) => setErrors(apiErrors(error, 'token', ['name'])),
    }),
  );

  function onCreate(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setErrors([
        { field: 'token-name', message: 'Enter a name for the token, like Power BI monthly return' },
      ]);
      return;
    }
    create.mutate({ name: name.trim() });
  }

  // Only drawn after a token is created, in the browser: the page's own address.
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const example = `${origin}/export/iuc-adc.csv?period=month&from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z`;
  return (
    <>
      <ErrorSummary errors={errors} />
      {created ? (
        <SecretOnce title={`Export token ${created.name}`} value={created.token}>
          <p>Send it as a header with any export address, for example:</p>
          <pre className="app-secret">{`curl -H "Authorization: Bearer ${created.token}" \\\n  "${example}"`}</pre>
        </SecretOnce>
      ) : null}
      <form onSubmit={onCreate} noValidate aria-label="Create an export token">
        <TextField
          id="token-name"
          label="Token name"
          hint="What will use it, so you know what stops if you revoke it"
          width={30}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldMessage(errors, 'token-name')}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={create.isPending}>
          Create export token
        </button>
      </form>
      {tokens.data?.length === 0 ? (
        <p className="nhsuk-body">No export tokens yet.</p>
      ) : tokens.data ? (
        <div className="nhsuk-table-container">
          <table className="nhsuk-table app-table" data-testid="export-tokens">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Export tokens</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                {['Token', 'Owner', 'Sites', 'Last used', 'Status'].map((h) => (
                  <th key={h} className="nhsuk-table__header" scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {tokens.data.map((token) => (
                <tr className="nhsuk-table__row" key={token.id} data-token={token.name}>
                  <th className="nhsuk-table__cell" scope="row">
                    {token.name}
                    <span className="nhsuk-body-s app-window app-subline">
                      Created {ukDateTime(token.createdAt)}
                    </span>
                  </th>
                  <td className="nhsuk-table__cell">{token.owner}</td>
                  <td className="nhsuk-table__cell">
                    {token.sites === 'all' ? "The owner's sites" : scopeText(token.sites, names)}
                  </td>
                  <td className="nhsuk-table__cell">
                    {token.lastUsedAt ? ukDateTime(token.lastUsedAt) : 'Never'}
                  </td>
                  <td className="nhsuk-table__cell">
                    {token.revokedAt ? (
                      <strong className="nhsuk-tag nhsuk-tag--grey">
                        Revoked {ukDateTime(token.revokedAt)}
                      </strong>
                    ) : (
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--small nhsuk-button--warning nhsuk-u-margin-bottom-0"
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutate({ id: token.id })}
                      >
                        Revoke<span className="nhsuk-u-visually-hidden"> {token.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="nhsuk-body">{tokens.error ? tokens.error.message : 'Loading…'}</p>
      )}
    </>
  );
}
