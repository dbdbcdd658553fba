'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiErrors, fieldMessage } from '../../../lib/admin/errors.ts';
import { useTRPC } from '../../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../../forms/ErrorSummary.tsx';
import { SecretOnce } from '../SecretOnce.tsx';
import { SelectField, TextField } from '../TextField.tsx';

const KINDS = [
  { value: 'teams', label: 'Microsoft Teams (incoming webhook)' },
  { value: 'email', label: 'E-mail' },
  { value: 'webhook', label: 'Webhook (JSON, signed)' },
] as const;
type Kind = (typeof KINDS)[number]['value'];
const KIND_LABEL: Record<string, string> = { teams: 'Teams', email: 'E-mail', webhook: 'Webhook' };

/** Where alerts go: add a channel, send a test, see which are in use. */
export function AlertChannels() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const channels = useQuery(trpc.alerts.listChannels.queryOptions());
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.alerts.listChannels.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.alerts.deliveries.queryKey() });
  };
  const [kind, setKind] = useState<Kind>('teams');
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [tested, setTested] = useState<Record<number, string>>({});
  const create = useMutation(
    trpc.alerts.createChannel.mutationOptions({
      onSuccess: (result, input) => {
        setSecret(result.secret ? { name: input.name, value: result.secret } : null);
        setName('');
        setTarget('');
        setErrors([]);
        refresh();
      },
      onError: (error) => setErrors(apiErrors(error, 'channel', ['name', 'target', 'kind'])),
    }),
  );
  const test = useMutation(
    trpc.alerts.testChannel.mutationOptions({
      onSuccess: (result, input) => {
        setTested((t) => ({ ...t, [input.id]: result.ok ? 'Test sent' : `Test failed: ${result.error}` }));
        refresh();
      },
      onError: (error, input) => setTested((t) => ({ ...t, [input.id]: `Test failed: ${error.message}` })),
    }),
  );

  function onCreate(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!name.trim()) problems.push({ field: 'channel-name', message: 'Enter a name, like Service desk' });
    if (!target.trim())
      problems.push({
        field: 'channel-target',
        message: kind === 'email' ? 'Enter an e-mail address' : 'Enter the webhook URL',
      });
    setErrors(problems);
    if (problems.length === 0) create.mutate({ kind, name: name.trim(), target: target.trim() });
  }

  return (
    <section aria-labelledby="channels-heading">
      <h2 className="nhsuk-heading-m" id="channels-heading">
        Channels
      </h2>
      <ErrorSummary errors={errors} />
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
        <SelectField
          id="channel-kind"
          label="Kind"
          options={KINDS}
          value={kind}
          onChange={(e) => setKind(e.target.value as Kind)}
        />
        <TextField
          id="channel-name"
          label="Name"
          width={30}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldMessage(errors, 'channel-name')}
        />
        <TextField
          id="channel-target"
          label={kind === 'email' ? 'E-mail address' : 'Webhook URL'}
          hint={
            kind === 'teams'
              ? 'The incoming webhook URL from the Teams channel (Connectors or Workflows)'
              : kind === 'webhook'
                ? 'An http(s) URL that accepts a JSON POST'
                : 'A shared mailbox, like servicedesk@nhs.net'
          }
          type={kind === 'email' ? 'email' : 'url'}
          spellCheck={false}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          error={fieldMessage(errors, 'channel-target')}
        />
        <button className="nhsuk-button" type="submit" disabled={create.isPending}>
          Add channel
        </button>
      </form>
      {channels.data?.length === 0 ? (
        <p className="nhsuk-body">No channels yet.</p>
      ) : channels.data ? (
        <div className="nhsuk-table-container">
          <table className="nhsuk-table app-table" data-testid="alert-channels">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Alert channels</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="col">
                  Channel
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Kind
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Target
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Test
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {channels.data.map((channel) => (
                <tr className="nhsuk-table__row" key={channel.id} data-channel={channel.name}>
                  <th className="nhsuk-table__cell" scope="row">
                    {channel.name}
                    {channel.enabled ? null : <strong className="nhsuk-tag nhsuk-tag--grey">Off</strong>}
                  </th>
                  <td className="nhsuk-table__cell">{KIND_LABEL[channel.kind] ?? channel.kind}</td>
                  <td className="nhsuk-table__cell app-break">{channel.target}</td>
                  <td className="nhsuk-table__cell">
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--small nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                      disabled={test.isPending}
                      onClick={() => test.mutate({ id: channel.id })}
                    >
                      Send test<span className="nhsuk-u-visually-hidden"> to {channel.name}</span>
                    </button>
                    {tested[channel.id] ? (
                      <p className="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0" role="status">
                        {tested[channel.id]}
                      </p>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="nhsuk-body">{channels.error ? channels.error.message : 'Loading…'}</p>
      )}
    </section>
  );
}
