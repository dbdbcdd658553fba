'use client';
import {
  DEFAULT_WALLBOARD_PAGES,
  isNowMeasure,
  TILE_MEASURES,
  type Tile,
  type TileMeasure,
  type TileWindow,
  WALLBOARD_LIMITS,
  type WallboardPage,
} from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiErrors, fieldMessage } from '../../lib/admin/errors.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { MEASURE_LABEL, windowLabel } from '../../lib/wallboard/rules.ts';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { type SiteScope, SitesField, scopeText } from './SitesField.tsx';
import { TextField } from './TextField.tsx';

const WINDOWS: Exclude<TileWindow, 'now'>[] = [
  { lastMinutes: 15 },
  { lastMinutes: 30 },
  { lastMinutes: 60 },
  { lastMinutes: 240 },
  { lastMinutes: 1_440 },
  { since: '00:00' },
  { since: '08:00' },
  { since: '18:00' },
];
const windowValue = (w: TileWindow) => (w === 'now' ? 'now' : JSON.stringify(w));
const copy = (pages: WallboardPage[]): WallboardPage[] =>
  JSON.parse(JSON.stringify(pages)) as WallboardPage[];

/** Boards: create and edit (name, sites, pages of up to six tiles), delete when no display shows them. */
export function WallboardsAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const boards = useQuery(trpc.wallboards.list.queryOptions());
  const siteNames = Object.fromEntries(
    (useQuery(trpc.sites.list.queryOptions()).data ?? []).map((s) => [s.id, s.name]),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.wallboards.list.queryKey() });
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<SiteScope>([]);
  const [pages, setPages] = useState<WallboardPage[]>(copy(DEFAULT_WALLBOARD_PAGES));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const reset = () => {
    setEditing(null);
    setName('');
    setScope([]);
    setPages(copy(DEFAULT_WALLBOARD_PAGES));
  };
  const done = (message: string) => {
    setSaved(message);
    setErrors([]);
    reset();
    void refresh();
  };
  const onError = (error: unknown) => setErrors(apiErrors(error, 'board', ['name', 'sites', 'pages', 'id']));
  const create = useMutation(
    trpc.wallboards.create.mutationOptions({ onSuccess: (b) => done(`Board ${b.name} created`), onError }),
  );
  const update = useMutation(
    trpc.wallboards.update.mutationOptions({ onSuccess: (b) => done(`Board ${b.name} saved`), onError }),
  );
  const remove = useMutation(
    trpc.wallboards.delete.mutationOptions({ onSuccess: () => done('Board deleted'), onError }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!name.trim())
      problems.push({ field: 'board-name', message: 'Enter a name for the board, like Leeds floor' });
    if (scope !== 'all' && scope.length === 0)
      problems.push({ field: 'board-sites', message: 'Choose the sites it shows, or all sites' });
    setErrors(problems);
    setSaved(null);
    if (problems.length > 0) return;
    const input = { name: name.trim(), sites: scope, pages };
    if (editing) update.mutate({ id: editing, ...input });
    else create.mutate(input);
  }
  const setPage = (i: number, change: Partial<WallboardPage>) =>
    setPages((all) => all.map((p, k) => (k === i ? { ...p, ...change } : p)));
  const setTile = (i: number, t: number, tile: Tile) =>
    setPages((all) =>
      all.map((p, k) => (k === i ? { ...p, tiles: p.tiles.map((x, j) => (j === t ? tile : x)) } : p)),
    );

  return (
    <>
      <ErrorSummary errors={errors} />
      {saved ? (
        <div className="nhsuk-inset-text" role="status">
          <p>{saved}</p>
        </div>
      ) : null}
      <h2 className="nhsuk-heading-m">Boards</h2>
      {boards.data?.length === 0 ? (
        <p className="nhsuk-body">No boards yet.</p>
      ) : boards.data ? (
        <table className="nhsuk-table app-table" data-testid="boards">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Boards</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th className="nhsuk-table__header" scope="col">
                Board
              </th>
              <th className="nhsuk-table__header" scope="col">
                Sites
              </th>
              <th className="nhsuk-table__header" scope="col">
                Pages
              </th>
              <th className="nhsuk-table__header" scope="col">
                Actions
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {boards.data.map((b) => (
              <tr className="nhsuk-table__row" key={b.id} data-board={b.name}>
                <th className="nhsuk-table__cell" scope="row">
                  <a href={`/wallboard/${b.id}`}>{b.name}</a>
                </th>
                <td className="nhsuk-table__cell">{scopeText(b.sites, siteNames)}</td>
                <td className="nhsuk-table__cell">{b.pages.length}</td>
                <td className="nhsuk-table__cell">
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--small nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                    onClick={() => {
                      setEditing(b.id);
                      setName(b.name);
                      setScope(b.sites);
                      setPages(copy(b.pages));
                      setSaved(null);
                    }}
                  >
                    Edit<span className="nhsuk-u-visually-hidden"> {b.name}</span>
                  </button>{' '}
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--small nhsuk-button--warning nhsuk-u-margin-bottom-0"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate({ id: b.id })}
                  >
                    Delete<span className="nhsuk-u-visually-hidden"> {b.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="nhsuk-body">{boards.error ? boards.error.message : 'Loading…'}</p>
      )}
      <h2 className="nhsuk-heading-m">{editing ? `Edit ${name}` : 'Add a board'}</h2>
      <form onSubmit={onSubmit} noValidate aria-label={editing ? 'Edit board' : 'Add a board'}>
        <TextField
          id="board-name"
          label="Name"
          width={30}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldMessage(errors, 'board-name')}
        />
        <SitesField
          id="board-sites"
          legend="Sites it shows (together)"
          value={scope}
          onChange={setScope}
          error={fieldMessage(errors, 'board-sites')}
        />
        {pages.map((page, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: pages are edited in place by position
          <fieldset className="nhsuk-fieldset app-board-page" key={i}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Page {i + 1}</legend>
            <TextField
              id={`page-${i}-title`}
              label="Title (optional)"
              width={20}
              value={page.title ?? ''}
              onChange={(e) => setPage(i, { title: e.target.value || undefined })}
            />
            {page.tiles.map((tile, t) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: tiles are edited in place by position
              <div className="nhsuk-form-group app-board-tile" key={t}>
                <label className="nhsuk-label" htmlFor={`page-${i}-tile-${t}`}>
                  Tile {t + 1}
                </label>
                <select
                  className="nhsuk-select"
                  id={`page-${i}-tile-${t}`}
                  value={tile.measure}
                  onChange={(e) => {
                    const measure = e.target.value as TileMeasure;
                    const window: TileWindow = isNowMeasure(measure)
                      ? 'now'
                      : tile.window === 'now'
                        ? { lastMinutes: 60 }
                        : tile.window;
                    setTile(i, t, { measure, window });
                  }}
                >
                  {TILE_MEASURES.map((m) => (
                    <option key={m} value={m}>
                      {MEASURE_LABEL[m]}
                    </option>
                  ))}
                </select>{' '}
                <label className="nhsuk-u-visually-hidden" htmlFor={`page-${i}-tile-${t}-window`}>
                  Window of tile {t + 1}
                </label>
                <select
                  className="nhsuk-select"
                  id={`page-${i}-tile-${t}-window`}
                  value={windowValue(tile.window)}
                  disabled={isNowMeasure(tile.measure)}
                  onChange={(e) =>
                    setTile(i, t, {
                      ...tile,
                      window: e.target.value === 'now' ? 'now' : (JSON.parse(e.target.value) as TileWindow),
                    })
                  }
                >
                  {isNowMeasure(tile.measure) ? <option value="now">now</option> : null}
                  {WINDOWS.map((w) => (
                    <option key={windowValue(w)} value={windowValue(w)}>
                      {windowLabel(w)}
                    </option>
                  ))}
                </select>{' '}
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--small nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                  disabled={page.tiles.length <= 1}
                  onClick={() => setPage(i, { tiles: page.tiles.filter((_, j) => j !== t) })}
                >
                  Remove<span className="nhsuk-u-visually-hidden"> tile {t + 1}</span>
                </button>
              </div>
            ))}
            {page.tiles.length < WALLBOARD_LIMITS.maxTiles ? (
              <button
                type="button"
                className="nhsuk-button nhsuk-button--small nhsuk-button--secondary"
                onClick={() =>
                  setPage(i, { tiles: [...page.tiles, { measure: 'callsWaiting', window: 'now' }] })
                }
              >
                Add a tile<span className="nhsuk-u-visually-hidden"> to page {i + 1}</span>
              </button>
            ) : null}
            <TextField
              id={`page-${i}-rotate`}
              label="Seconds on screen before the next page"
              width={10}
              inputMode="numeric"
              value={String(page.rotateSeconds)}
              onChange={(e) => setPage(i, { rotateSeconds: Number(e.target.value) || 0 })}
            />
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id={`page-${i}-chart`}
                  type="checkbox"
                  checked={page.chart}
                  onChange={(e) => setPage(i, { chart: e.target.checked })}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`page-${i}-chart`}>
                  Answer-time chart, last 4 hours
                </label>
              </div>
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id={`page-${i}-systems`}
                  type="checkbox"
                  checked={page.systems}
                  onChange={(e) => setPage(i, { systems: e.target.checked })}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`page-${i}-systems`}>
                  Systems strip
                </label>
              </div>
            </div>
            {pages.length > 1 ? (
              <button
                type="button"
                className="nhsuk-button nhsuk-button--small nhsuk-button--secondary"
                onClick={() => setPages((all) => all.filter((_, k) => k !== i))}
              >
                Remove page {i + 1}
              </button>
            ) : null}
          </fieldset>
        ))}
        {pages.length < WALLBOARD_LIMITS.maxPages ? (
          <p>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => setPages((all) => [...all, ...copy(DEFAULT_WALLBOARD_PAGES)])}
            >
              Add a page
            </button>
          </p>
        ) : null}
        <button className="nhsuk-button" type="submit" disabled={create.isPending || update.isPending}>
          {editing ? 'Save board' : 'Create board'}
        </button>{' '}
        {editing ? (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={reset}>
            Cancel
          </button>
        ) : null}
      </form>
    </>
  );
}
