'use client';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ukDateTime } from '../../lib/format-date.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { AdminRow, AdminTable, Cell } from './kit/AdminTable.tsx';
import { RevokedOr, RowButton } from './kit/RowButton.tsx';
import { StatusNote } from './kit/StatusNote.tsx';
import { SubmitButton } from './kit/SubmitButton.tsx';
import { useAdminForm, useAdminMutation } from './kit/useAdminForm.ts';
import { SecretOnce } from './SecretOnce.tsx';
import { type SiteScope, SitesField, scopeText } from './SitesField.tsx';
import { choices, SelectField, TextField } from './TextField.tsx';

const WHERE = 'Where the screen is, so you can find it again';

/** Display tokens for wallboard screens: create (the link is shown once), revoke (the screen stops at once). */
export function DisplaysAdmin() {
  const trpc = useTRPC();
  const displays = useQuery({ ...trpc.displays.list.queryOptions(), refetchInterval: 30_000 });
  const boards = useQuery(trpc.wallboards.list.queryOptions()).data ?? [];
  const boardNames = Object.fromEntries(boards.map((b) => [b.id, b.name]));
  const sites = useQuery(trpc.sites.list.queryOptions()).data ?? [];
  const names = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const invalidate = [trpc.displays.list.queryKey()];
  const form = useAdminForm('pair', {
    code: '',
    name: '',
    boardId: '',
    displayName: '',
    sites: [] as SiteScope,
  });
  const { code, name, boardId, displayName, sites: scope } = form.values;
  const [created, setCreated] = useState<{ name: string; url: string } | null>(null);
  const [paired, setPaired] = useState<string | null>(null);
  const [assigning, setAssigning] = useState<Record<string, string>>({});
  const create = useAdminMutation(trpc.displays.create.mutationOptions(), {
    invalidate,
    onSuccess: (result, input) => {
      setCreated({ name: input.name, url: result.url });
      form.set({ displayName: '' });
      form.setErrors([]);
    },
    onError: form.apiError(['name', 'sites'], 'display'),
  });
  const revoke = useAdminMutation(trpc.displays.revoke.mutationOptions(), {
    invalidate,
    onError: form.apiError(['name'], 'display'),
  });
  const approve = useAdminMutation(trpc.displays.pairing.approve.mutationOptions(), {
    invalidate,
    onSuccess: (_result, input) => {
      setPaired(`${input.name} is paired: the screen shows its board within a few seconds.`);
      form.set({ code: '', name: '' });
      form.setErrors([]);
    },
    onError: form.apiError(['code', 'name', 'boardId']),
  });
  const reload = useAdminMutation(trpc.displays.reload.mutationOptions(), { invalidate });
  const assign = useAdminMutation(trpc.displays.assign.mutationOptions(), {
    invalidate,
    onError: form.apiError(['boardId'], 'display'),
  });

  function onPair(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!/^[A-Za-z0-9]{6}$/.test(code.trim()))
      problems.push({ field: 'pair-code', message: 'Enter the 6 letters and digits shown on the screen' });
    if (!name.trim())
      problems.push({ field: 'pair-name', message: 'Enter a name for the screen, like Leeds floor TV 2' });
    if (!boardId) problems.push({ field: 'pair-boardId', message: 'Choose the board it shows' });
    form.setErrors(problems);
    setPaired(null);
    if (problems.length === 0) approve.mutate({ code: code.trim(), name: name.trim(), boardId });
  }

  function onCreate(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!displayName.trim())
      problems.push({ field: 'display-name', message: 'Enter a name for the screen, like Leeds floor TV 2' });
    if (scope !== 'all' && scope.length === 0)
      problems.push({ field: 'display-sites', message: 'Choose the sites it shows, or all sites' });
    form.setErrors(problems);
    if (problems.length === 0) create.mutate({ name: displayName.trim(), sites: scope });
  }

  return (
    <>
      <ErrorSummary errors={form.errors} />
      {created ? (
        <SecretOnce title={`Display link for ${created.name}`} value={created.url}>
          <p>
            Open it once on the screen itself. The screen then stays signed in until the display is revoked.
          </p>
        </SecretOnce>
      ) : null}
      <StatusNote text={paired} testId="paired" />
      <h2 className="nhsuk-heading-m">Pair a screen</h2>
      <p className="nhsuk-body">
        Open <code>/wallboard</code> on the TV: it shows a code. Enter it here and choose the board.
      </p>
      <form onSubmit={onPair} noValidate aria-label="Pair a screen">
        <TextField label="Code shown on the screen" width={10} autoComplete="off" {...form.bind('code')} />
        <TextField label="Screen name" hint={WHERE} width={30} {...form.bind('name')} />
        <SelectField label="Board" options={choices('Choose a board', boards)} {...form.bind('boardId')} />
        <SubmitButton pending={approve.isPending}>Pair screen</SubmitButton>
      </form>
      <h2 className="nhsuk-heading-m">Add a display by link</h2>
      <form onSubmit={onCreate} noValidate aria-label="Add a display">
        <TextField label="Name" hint={WHERE} width={30} {...form.bind('displayName', 'display-name')} />
        <SitesField
          id="display-sites"
          legend="Sites it shows"
          value={scope}
          onChange={(sites) => form.set({ sites })}
          error={form.message('display-sites')}
        />
        <SubmitButton pending={create.isPending}>Create display link</SubmitButton>
      </form>
      <h2 className="nhsuk-heading-m">Displays</h2>
      <AdminTable
        testId="displays"
        caption="Displays"
        columns={['Display', 'Sites', 'Board', 'Screen', 'Status']}
        query={displays}
        empty="No displays yet."
      >
        {(display) => {
          const board = assigning[display.id] ?? display.boardId ?? '';
          return (
            <AdminRow
              key={display.id}
              data-display={display.name}
              head={
                <>
                  {display.name}
                  <span className="nhsuk-body-s app-window app-subline">
                    Created {ukDateTime(display.createdAt)}
                  </span>
                </>
              }
            >
              <Cell>{scopeText(display.sites, names)}</Cell>
              <Cell>
                {display.boardId ? (boardNames[display.boardId] ?? display.boardId) : 'None'}
                {!display.revokedAt && boards.length > 0 ? (
                  <span className="app-subline">
                    <label className="nhsuk-u-visually-hidden" htmlFor={`assign-${display.id}`}>
                      Board for {display.name}
                    </label>
                    <select
                      className="nhsuk-select nhsuk-u-margin-right-1"
                      id={`assign-${display.id}`}
                      value={board}
                      onChange={(e) => setAssigning((a) => ({ ...a, [display.id]: e.target.value }))}
                    >
                      {choices('Choose a board', boards).map((b) => (
                        <option key={b.value} value={b.value}>
                          {b.label}
                        </option>
                      ))}
                    </select>
                    <RowButton
                      what={`this board on ${display.name}`}
                      disabled={assign.isPending || !board}
                      onClick={() => assign.mutate({ id: display.id, boardId: board })}
                    >
                      Show
                    </RowButton>
                  </span>
                ) : null}
              </Cell>
              <Cell>
                {display.screen ? `${display.screen}, ${display.clientVersion ?? ''}` : 'Not reported'}
                <span className="nhsuk-body-s app-subline">
                  Last reload {ukDateTime(display.lastReloadAt)}
                </span>
              </Cell>
              <Cell>
                {display.revokedAt ? null : (
                  <>
                    <OnlineTag lastSeenAt={display.lastHeartbeatAt ?? display.lastSeenAt} />{' '}
                    <RowButton
                      what={display.name}
                      disabled={reload.isPending}
                      onClick={() => reload.mutate({ id: display.id })}
                    >
                      Reload
                    </RowButton>{' '}
                  </>
                )}
                <RevokedOr
                  revokedAt={display.revokedAt}
                  what={display.name}
                  revoke={revoke}
                  id={display.id}
                />
              </Cell>
            </AdminRow>
          );
        }}
      </AdminTable>
    </>
  );
}

/** A screen is online when it sent a heartbeat (every 30 s) within the last 2 minutes. */
const ONLINE_WITHIN_MS = 120_000;

function OnlineTag({ lastSeenAt }: { lastSeenAt: string | Date | null }) {
  if (!lastSeenAt) return <strong className="nhsuk-tag nhsuk-tag--grey">Never seen</strong>;
  const at = new Date(lastSeenAt).getTime();
  return Date.now() - at <= ONLINE_WITHIN_MS ? (
    <strong className="nhsuk-tag nhsuk-tag--green">Online</strong>
  ) : (
    <strong className="nhsuk-tag nhsuk-tag--red">
      Offline since {ukDateTime(new Date(at).toISOString())}
    </strong>
  );
}
