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
  const displays = useQuery({ ...trpc.displays.list.queryOptions(), refetchInterval: 30_000 });
  const boards = useQuery(trpc.wallboards.list.queryOptions()).data ?? [];
  const boardNames = Object.fromEntries(boards.map((b) => [b.id, b.name]));
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

  const [code, setCode] = useState('');
  const [pairName, setPairName] = useState('');
  const [pairBoard, setPairBoard] = useState('');
  const [paired, setPaired] = useState<string | null>(null);
  const approve = useMutation(
    trpc.displays.pairing.approve.mutationOptions({
      onSuccess: (_result, input) => {
        setPaired(`${input.name} is paired: the screen shows its board within a few seconds.`);
        setCode('');
        setPairName('');
        setErrors([]);
        void refresh();
      },
      onError: (error) => setErrors(apiErrors(error, 'pair', ['code', 'name', 'boardId'])),
    }),
  );
  const reload = useMutation(trpc.displays.reload.mutationOptions({ onSuccess: () => void refresh() }));
  const assign = useMutation(
    trpc.displays.assign.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (error) => setErrors(apiErrors(error, 'display', ['boardId'])),
    }),
  );
  const [assigning, setAssigning] = useState<Record<string, string>>({});

  function onPair(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!/^[A-Za-z0-9]{6}$/.test(code.trim()))
      problems.push({ field: 'pair-code', message: 'Enter the 6 letters and digits shown on the screen' });
    if (!pairName.trim())
      problems.push({ field: 'pair-name', message: 'Enter a name for the screen, like Leeds floor TV 2' });
    if (!pairBoard) problems.push({ field: 'pair-boardId', message: 'Choose the board it shows' });
    setErrors(problems);
    setPaired(null);
    if (problems.length === 0)
      approve.mutate({ code: code.trim(), name: pairName.trim(), boardId: pairBoard });
  }

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
      {paired ? (
        <div className="nhsuk-inset-text" role="status" data-testid="paired">
          <p>{paired}</p>
        </div>
      ) : null}
      <h2 className="nhsuk-heading-m">Pair a screen</h2>
      <p className="nhsuk-body">
        Open <code>/wallboard</code> on the TV: it shows a code. Enter it here and choose the board.
      </p>
      <form onSubmit={onPair} noValidate aria-label="Pair a screen">
        <TextField
          id="pair-code"
          label="Code shown on the screen"
          width={10}
          autoComplete="off"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={fieldMessage(errors, 'pair-code')}
        />
        <TextField
          id="pair-name"
          label="Screen name"
          hint="Where the screen is, so you can find it again"
          width={30}
          value={pairName}
          onChange={(e) => setPairName(e.target.value)}
          error={fieldMessage(errors, 'pair-name')}
        />
        <div
          className={`nhsuk-form-group${fieldMessage(errors, 'pair-boardId') ? ' nhsuk-form-group--error' : ''}`}
        >
          <label className="nhsuk-label" htmlFor="pair-boardId">
            Board
          </label>
          {fieldMessage(errors, 'pair-boardId') ? (
            <span className="nhsuk-error-message" id="pair-boardId-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {fieldMessage(errors, 'pair-boardId')}
            </span>
          ) : null}
          <select
            className="nhsuk-select"
            id="pair-boardId"
            value={pairBoard}
            onChange={(e) => setPairBoard(e.target.value)}
          >
            <option value="">Choose a board</option>
            {boards.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <button className="nhsuk-button" type="submit" disabled={approve.isPending}>
          Pair screen
        </button>
      </form>
      <h2 className="nhsuk-heading-m">Add a display by link</h2>
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
                  Board
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Screen
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
                  <td className="nhsuk-table__cell">
                    {display.boardId ? (boardNames[display.boardId] ?? display.boardId) : 'None'}
                    {!display.revokedAt && boards.length > 0 ? (
                      <span className="app-subline">
                        <label className="nhsuk-u-visually-hidden" htmlFor={`assign-${display.id}`}>
                          Board for {display.name}
                        </label>
                        <select
                          className="nhsuk-select nhsuk-u-margin-right-1"
                          id={`assign-${display.id}`}
                          value={assigning[display.id] ?? display.boardId ?? ''}
                          onChange={(e) => setAssigning((a) => ({ ...a, [display.id]: e.target.value }))}
                        >
                          <option value="">Choose a board</option>
                          {boards.map((b) => (
                            <option key={b.id} value={b.id}>
                              {b.name}
                            </option>
                          ))}
                        </select>
                        <button
                          type="button"
                          className="nhsuk-button nhsuk-button--small nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                          disabled={assign.isPending || !(assigning[display.id] ?? display.boardId)}
                          onClick={() =>
                            assign.mutate({
                              id: display.id,
                              boardId: assigning[display.id] ?? display.boardId ?? '',
                            })
                          }
                        >
                          Show<span className="nhsuk-u-visually-hidden"> this board on {display.name}</span>
                        </button>
                      </span>
                    ) : null}
                  </td>
                  <td className="nhsuk-table__cell">
                    {display.screen ? `${display.screen}, ${display.clientVersion ?? ''}` : 'Not reported'}
                    <span className="nhsuk-body-s app-subline">
                      Last reload {ukDateTime(display.lastReloadAt)}
                    </span>
                  </td>
                  <td className="nhsuk-table__cell">
                    {display.revokedAt ? null : (
                      <>
                        <OnlineTag lastSeenAt={display.lastHeartbeatAt ?? display.lastSeenAt} />{' '}
                        <button
                          type="button"
                          className="nhsuk-button nhsuk-button--small nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                          disabled={reload.isPending}
                          onClick={() => reload.mutate({ id: display.id })}
                        >
                          Reload<span className="nhsuk-u-visually-hidden"> {display.name}</span>
                        </button>{' '}
                      </>
                    )}
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
