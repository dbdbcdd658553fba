'use client';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../../forms/ErrorSummary.tsx';
import { AdminRow, AdminTable, Cell } from '../kit/AdminTable.tsx';
import { RowButton } from '../kit/RowButton.tsx';
import { SubmitButton } from '../kit/SubmitButton.tsx';
import { useAdminForm, useAdminMutation } from '../kit/useAdminForm.ts';
import { SecretOnce } from '../SecretOnce.tsx';
import { SelectField, TextField } from '../TextField.tsx';

const KINDS = [
  { value: 'teams', label: 'Microsoft Teams (incoming webhook)' },
  { value: 'email', label: 'E-mail' },
  { value: 'webhook', label: 'Webhook (JSON, signed)' },
] as const;
type Kind = (typeof KINDS)[number]['value'];
const KIND_LABEL: Record<string, string> = { teams: 'Teams', email: 'E-mail', webhook: 'Webhook' };

const TARGET_HINT: Record<Kind, string> = {
  teams: 'The incoming webhook URL from the Teams channel (Connectors or Workflows)',
  webhook: 'An http(s) URL that accepts a JSON POST',
  email: 'A shared mailbox, like servicedesk@nhs.net',
};

/** Where alerts go: add a channel, send a test, see which are in use. */
export function AlertChannels() {
  const trpc = useTRPC();
  const channels = useQuery(trpc.alerts.listChannels.queryOptions());
  const invalidate = [trpc.alerts.listChannels.queryKey(), trpc.alerts.deliveries.queryKey()];
  const form = useAdminForm('channel', { kind: 'teams' as Kind, name: '', target: '' });
  const { kind, name, target } = form.values;
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [tested, setTested] = useState<Record<number, string>>({});
  const create = useAdminMutation(trpc.alerts.createChannel.mutationOptions(), {
    invalidate,
    onSuccess: (result, input) => {
      setSecret(result.secret ? { name: input.name, value: result.secret } : null);
      form.set({ name: '', target: '' });
      form.setErrors([]);
    },
    onError: form.apiError(['name', 'target', 'kind']),
  });
  const test = useAdminMutation(trpc.alerts.testChannel.mutationOptions(), {
    invalidate,
    onSuccess: (result, input) =>
      setTested((t) => ({ ...t, [input.id]: result.ok ? 'Test sent' : `Test failed: ${result.error}` })),
    onError: (error, input) => setTested((t) => ({ ...t, [input.id]: `Test failed: ${error.message}` })),
  });

  function onCreate(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!name.trim()) problems.push({ field: 'channel-name', message: 'Enter a name, like Service desk' });
    if (!target.trim())
      problems.push({
        field: 'channel-target',
        message: kind === 'email' ? 'Enter an e-mail address' : 'Enter the webhook URL',
      });
    form.setErrors(problems);
    if (problems.length === 0) create.mutate({ kind, name: name.trim(), target: target.trim() });
  }

  return (
    <section aria-labelledby="channels-heading">
      <h2 className="nhsuk-heading-m" id="channels-heading">
        Channels
      </h2>
      <ErrorSummary errors={form.errors} />
      {secret ? (
        <SecretOnce
          title={`Signing secret for ${secret.name}`}
          value={secret.value}
          kept="Switchboard keeps it only to sign deliveries"
        >
          <p>Check the X-Switchboard-Signature header of each delivery with it (see the README).</p>
        </SecretOnce>
      ) : null}
      <form onSubmit={onCreate} noValidate aria-label="Add a channel">
        <SelectField label="Kind" options={KINDS} {...form.bind('kind')} />
        <TextField label="Name" width={30} {...form.bind('name')} />
        <TextField
          label={kind === 'email' ? 'E-mail address' : 'Webhook URL'}
          hint={TARGET_HINT[kind]}
          type={kind === 'email' ? 'email' : 'url'}
          spellCheck={false}
          {...form.bind('target')}
        />
        <SubmitButton pending={create.isPending}>Add channel</SubmitButton>
      </form>
      <AdminTable
        testId="alert-channels"
        caption="Alert channels"
        columns={['Channel', 'Kind', 'Target', 'Test']}
        query={channels}
        empty="No channels yet."
      >
        {(channel) => (
          <AdminRow
            key={channel.id}
            data-channel={channel.name}
            head={
              <>
                {channel.name}
                {channel.enabled ? null : <strong className="nhsuk-tag nhsuk-tag--grey">Off</strong>}
              </>
            }
          >
            <Cell>{KIND_LABEL[channel.kind] ?? channel.kind}</Cell>
            <Cell className="app-break">{channel.target}</Cell>
            <Cell>
              <RowButton
                what={`to ${channel.name}`}
                disabled={test.isPending}
                onClick={() => test.mutate({ id: channel.id })}
              >
                Send test
              </RowButton>
              {tested[channel.id] ? (
                <p className="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0" role="status">
                  {tested[channel.id]}
                </p>
              ) : null}
            </Cell>
          </AdminRow>
        )}
      </AdminTable>
    </section>
  );
}
