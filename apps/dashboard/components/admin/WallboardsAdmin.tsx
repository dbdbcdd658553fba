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
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { MEASURE_LABEL, windowLabel } from '../../lib/wallboard/rules.ts';
import { ErrorSummary, type FieldError } from '../forms/ErrorSummary.tsx';
import { AdminRow, AdminTable, Cell } from './kit/AdminTable.tsx';
import { Checkbox } from './kit/Checkbox.tsx';
import { RemoveButton, RowButton } from './kit/RowButton.tsx';
import { StatusNote } from './kit/StatusNote.tsx';
import { SubmitButton } from './kit/SubmitButton.tsx';
import { useAdminForm, useAdminMutation } from './kit/useAdminForm.ts';
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
  const boards = useQuery(trpc.wallboards.list.queryOptions());
  const siteNames = Object.fromEntries(
    (useQuery(trpc.sites.list.queryOptions()).data ?? []).map((s) => [s.id, s.name]),
  );
  const [editing, setEditing] = useState<string | null>(null);
  const blank = { name: '', sites: [] as SiteScope, pages: copy(DEFAULT_WALLBOARD_PAGES) };
  const form = useAdminForm('board', blank);
  const { name, sites: scope, pages } = form.values;
  const setPages = (change: (all: WallboardPage[]) => WallboardPage[]) =>
    form.set((v) => ({ pages: change(v.pages) }));
  const [saved, setSaved] = useState<string | null>(null);
  const reset = () => {
    setEditing(null);
    form.set(blank);
  };
  const done = (message: string) => {
    setSaved(message);
    form.setErrors([]);
    reset();
  };
  const how = {
    invalidate: [trpc.wallboards.list.queryKey()],
    onError: form.apiError(['name', 'sites', 'pages', 'id']),
  };
  const create = useAdminMutation(trpc.wallboards.create.mutationOptions(), {
    ...how,
    onSuccess: (b) => done(`Board ${b.name} created`),
  });
  const update = useAdminMutation(trpc.wallboards.update.mutationOptions(), {
    ...how,
    onSuccess: (b) => done(`Board ${b.name} saved`),
  });
  const remove = useAdminMutation(trpc.wallboards.delete.mutationOptions(), {
    ...how,
    onSuccess: () => done('Board deleted'),
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!name.trim())
      problems.push({ field: 'board-name', message: 'Enter a name for the board, like Leeds floor' });
    if (scope !== 'all' && scope.length === 0)
      problems.push({ field: 'board-sites', message: 'Choose the sites it shows, or all sites' });
    form.setErrors(problems);
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
      <ErrorSummary errors={form.errors} />
      <StatusNote text={saved} />
      <h2 className="nhsuk-heading-m">Boards</h2>
      <AdminTable
        testId="boards"
        caption="Boards"
        columns={['Board', 'Sites', 'Pages', 'Actions']}
        query={boards}
        empty="No boards yet."
        bare
      >
        {(b) => (
          <AdminRow key={b.id} data-board={b.name} head={<a href={`/wallboard/${b.id}`}>{b.name}</a>}>
            <Cell>{scopeText(b.sites, siteNames)}</Cell>
            <Cell>{b.pages.length}</Cell>
            <Cell>
              <RowButton
                what={b.name}
                onClick={() => {
                  setEditing(b.id);
                  form.set({ name: b.name, sites: b.sites, pages: copy(b.pages) });
                  setSaved(null);
                }}
              >
                Edit
              </RowButton>{' '}
              <RemoveButton action={remove} input={{ id: b.id }} what={b.name} />
            </Cell>
          </AdminRow>
        )}
      </AdminTable>
      <h2 className="nhsuk-heading-m">{editing ? `Edit ${name}` : 'Add a board'}</h2>
      <form onSubmit={onSubmit} noValidate aria-label={editing ? 'Edit board' : 'Add a board'}>
        <TextField label="Name" width={30} {...form.bind('name')} />
        <SitesField
          id="board-sites"
          legend="Sites it shows (together)"
          value={scope}
          onChange={(sites) => form.set({ sites })}
          error={form.message('board-sites')}
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
                <RowButton
                  what={`tile ${t + 1}`}
                  disabled={page.tiles.length <= 1}
                  onClick={() => setPage(i, { tiles: page.tiles.filter((_, j) => j !== t) })}
                >
                  Remove
                </RowButton>
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
              <Checkbox
                id={`page-${i}-chart`}
                label="Answer-time chart, last 4 hours"
                checked={page.chart}
                onChange={(chart) => setPage(i, { chart })}
              />
              <Checkbox
                id={`page-${i}-systems`}
                label="Systems strip"
                checked={page.systems}
                onChange={(systems) => setPage(i, { systems })}
              />
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
        <SubmitButton pending={create.isPending || update.isPending}>
          {editing ? 'Save board' : 'Create board'}
        </SubmitButton>{' '}
        {editing ? (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={reset}>
            Cancel
          </button>
        ) : null}
      </form>
    </>
  );
}
