import { DEFAULT_WALLBOARD_PAGES, type WallboardFigures, type WallboardView } from '@switchboard/contracts';
import { testBackends } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveWindow } from '../src/services/wallboards/figures.ts';
import { dataOf, startTestApi, type TestApi, type Who } from './harness.ts';

const PAGE = DEFAULT_WALLBOARD_PAGES[0];
const board = (name: string, sites: 'all' | string[]) => ({ name, sites, pages: [PAGE] });

describe('tile windows', () => {
  it('"last 60 min" covers the 60 whole minutes up to and including the current one', () => {
    const now = Date.parse('2026-11-27T14:02:30Z');
    const { from, to } = resolveWindow({ lastMinutes: 60 }, now);
    expect(new Date(from).toISOString()).toBe('2026-11-27T13:03:00.000Z');
    expect(new Date(to).toISOString()).toBe('2026-11-27T14:03:00.000Z');
  });
  it('"since 08:00" is London time today, or yesterday while 08:00 is still ahead (no midnight reset)', () => {
    const summer = Date.parse('2026-07-01T12:00:00Z'); // 13:00 BST
    expect(new Date(resolveWindow({ since: '08:00' }, summer).from).toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    );
    const early = Date.parse('2026-11-27T06:00:00Z'); // 06:00 GMT
    expect(new Date(resolveWindow({ since: '08:00' }, early).from).toISOString()).toBe(
      '2026-11-26T08:00:00.000Z',
    );
  });
});

describe.each(testBackends())('wallboards on %s', (backend) => {
  let api: TestApi;
  const as = (who: Who) => ({ key: null, headers: api.as[who] });
  const get = async (path: string, input: unknown, headers: Record<string, string>) => {
    const response = await fetch(
      `${api.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
      {
        headers,
      },
    );
    return { status: response.status, body: (await response.json()) as Parameters<typeof dataOf>[0]['body'] };
  };
  beforeAll(async () => {
    api = await startTestApi(backend);
  }, 120_000);
  afterAll(() => api?.stop());

  it('a manager creates, lists, updates and deletes a board, each audited', async () => {
    const created = dataOf<WallboardView>(
      await api.post('wallboards.create', board('Floor', ['leeds']), as('manager')),
    );
    expect(created).toMatchObject({ name: 'Floor', sites: ['leeds'], pages: [PAGE] });
    const listed = dataOf<WallboardView[]>(await get('wallboards.list', undefined, api.as.manager));
    expect(listed.map((b) => b.id)).toContain(created.id);
    const updated = dataOf<WallboardView>(
      await api.post(
        'wallboards.update',
        { id: created.id, name: 'Floor 2', sites: ['leeds', 'york'] },
        as('manager'),
      ),
    );
    expect(updated).toMatchObject({ name: 'Floor 2', sites: ['leeds', 'york'] });
    expect((await api.post('wallboards.delete', { id: created.id }, as('manager'))).status).toBe(200);
    expect((await get('wallboards.get', { id: created.id }, api.as.manager)).status).toBe(404);
    const audit = await api.database.rows<{ action: string }>(
      sql`select action from audit_log where subject = ${created.id} order by id`,
    );
    expect(audit.map((r) => r.action)).toEqual(['wallboard.create', 'wallboard.update', 'wallboard.delete']);
  });

  it('a viewer or analyst may not write boards; hostile input is refused naming the field and changes nothing', async () => {
    expect((await api.post('wallboards.create', board('X', 'all'), as('viewer'))).status).toBe(403);
    expect((await api.post('wallboards.create', board('X', 'all'), as('display'))).status).toBe(403);
    const before = await api.counts();
    const hostile: [unknown, RegExp][] = [
      [{ ...board('X', 'all'), pages: [] }, /at least one page/],
      [
        { ...board('X', 'all'), pages: [{ ...PAGE, tiles: Array(7).fill(PAGE?.tiles[0]) }] },
        /at most 6 tiles/,
      ],
      [
        {
          ...board('X', 'all'),
          pages: [{ ...PAGE, tiles: [{ measure: 'callsWaiting', window: { lastMinutes: 60 } }] }],
        },
        /now/,
      ],
      [
        { ...board('X', 'all'), pages: [{ ...PAGE, tiles: [{ measure: 'offered', window: 'now' }] }] },
        /needs a window/,
      ],
      [
        {
          ...board('X', 'all'),
          pages: [{ ...PAGE, tiles: [{ measure: 'offered', window: { since: '25:00' } }] }],
        },
        /since/,
      ],
      [
        { ...board('X', 'all'), pages: [{ ...PAGE, tiles: [{ measure: 'drop table', window: 'now' }] }] },
        /measure/,
      ],
      [{ ...board('X', 'all'), pages: [{ ...PAGE, rotateSeconds: 1 }] }, /rotateSeconds/],
      [
        {
          ...board('X', 'all'),
          pages: [
            {
              ...PAGE,
              tiles: [
                {
                  measure: 'offered',
                  window: { lastMinutes: 60 },
                  threshold: { better: 'higher', target: 5, amberLimit: 9 },
                },
              ],
            },
          ],
        },
        /amberLimit/,
      ],
      [{ ...board('\u0000', 'all') }, /name/],
      [{ ...board('X', ['nowhere']) }, /nowhere/],
      [{ ...board('X', 'all'), extra: 1 }, /extra|Unrecognized/i],
    ];
    for (const [input, message] of hostile) {
      const reply = await api.post('wallboards.create', input, as('manager'));
      expect({ status: reply.status, input }).toMatchObject({ status: expect.any(Number) });
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expect(reply.body.error?.message).toMatch(message);
      expect(JSON.stringify(reply.body)).not.toMatch(/select|insert|stack|at .*\.ts/i);
    }
    expect(await api.counts()).toEqual(before);
  });

  it('a scoped viewer reads boards of its sites only; a display reads only its own board', async () => {
    const leeds = dataOf<WallboardView>(
      await api.post('wallboards.create', board('Leeds', ['leeds']), as('manager')),
    );
    const york = dataOf<WallboardView>(
      await api.post('wallboards.create', board('York', ['york']), as('manager')),
    );
    const all = dataOf<WallboardView>(
      await api.post('wallboards.create', board('All', 'all'), as('manager')),
    );
    expect((await get('wallboards.get', { id: leeds.id }, api.as.scopedViewer)).status).toBe(200);
    expect((await get('wallboards.get', { id: york.id }, api.as.scopedViewer)).status).toBe(404);
    expect((await get('wallboards.get', { id: all.id }, api.as.scopedViewer)).status).toBe(404);
    expect((await get('wallboards.figures', { id: york.id }, api.as.scopedViewer)).status).toBe(404);
    // The harness's displays have no board: they read none.
    expect((await get('wallboards.get', { id: all.id }, api.as.display)).status).toBe(404);
    // Pair a screen to the York board: it reads that board and no other.
    const display = await pair(york.id);
    expect(dataOf<WallboardView>(await get('wallboards.get', { id: york.id }, display)).name).toBe('York');
    expect((await get('wallboards.get', { id: leeds.id }, display)).status).toBe(404);
    expect((await get('wallboards.figures', { id: leeds.id }, display)).status).toBe(404);
    // It may not reach other sites' figures either (its scope is the board's sites).
    expect((await get('metrics.series', { last: '1h', siteIds: ['leeds'] }, display)).status).toBe(403);
    // A board shown on a display cannot be deleted.
    expect((await api.post('wallboards.delete', { id: york.id }, as('manager'))).status).toBe(409);
  });

  async function pair(boardId: string): Promise<Record<string, string>> {
    const started = dataOf<{ code: string; secret: string }>(
      await api.post('displays.pairing.start', { screen: '1920x1080' }, { key: null }),
    );
    expect(started.code).toMatch(/^[A-Z0-9]{6}$/);
    expect(
      dataOf<{ state: string }>(
        await api.post('displays.pairing.claim', { secret: started.secret }, { key: null }),
      ),
    ).toEqual({
      state: 'waiting',
    });
    const approved = await api.post(
      'displays.pairing.approve',
      { code: started.code.toLowerCase(), name: 'Floor TV', boardId },
      as('manager'),
    );
    expect(approved.status).toBe(200);
    const claimed = dataOf<{ state: string; token: string }>(
      await api.post('displays.pairing.claim', { secret: started.secret }, { key: null }),
    );
    expect(claimed.state).toBe('paired');
    expect(claimed.token).toMatch(/^sbd_/);
    // The token is handed out once.
    expect(
      dataOf<{ state: string }>(
        await api.post('displays.pairing.claim', { secret: started.secret }, { key: null }),
      ),
    ).toEqual({
      state: 'expired',
    });
    return { authorization: `Bearer ${claimed.token}` };
  }

  it('pairing: a code approves once, unknown codes and secrets are refused, a viewer may not approve', async () => {
    const board1 = dataOf<WallboardView>(
      await api.post('wallboards.create', board('Pairing', 'all'), as('manager')),
    );
    const started = dataOf<{ code: string; secret: string }>(
      await api.post('displays.pairing.start', { screen: '3840x2160' }, { key: null }),
    );
    const approve = async (code: string, boardId: string, who: Who = 'manager') =>
      (await api.post('displays.pairing.approve', { code, name: 'TV', boardId }, as(who))).status;
    expect(await approve(started.code, board1.id, 'viewer')).toBe(403);
    expect(await approve('ZZZZZZ', board1.id)).toBe(404);
    expect(await approve(started.code, 'wb_nope')).toBe(404);
    const badCode = await api.post(
      'displays.pairing.approve',
      { code: '<script>', name: 'TV', boardId: board1.id },
      as('manager'),
    );
    expect(badCode.body.error?.message).toMatch(/code/);
    expect((await api.post('displays.pairing.claim', { secret: 'short' }, { key: null })).status).toBe(400);
    expect(
      dataOf<{ state: string }>(
        await api.post('displays.pairing.claim', { secret: 'x'.repeat(32) }, { key: null }),
      ),
    ).toEqual({ state: 'expired' });
    expect((await api.post('displays.pairing.start', { screen: 'big' }, { key: null })).status).toBe(400);
    // Approved once; the code is then spent.
    expect(await approve(started.code, board1.id)).toBe(200);
    expect(await approve(started.code, board1.id)).toBe(404);
  });

  it('pairing starts are rate-limited per address', async () => {
    let status = 200;
    for (let i = 0; i < 12 && status === 200; i++)
      status = (
        await api.post(
          'displays.pairing.start',
          { screen: '1920x1080' },
          { key: null, headers: { 'x-forwarded-for': '10.0.0.9' } },
        )
      ).status;
    expect(status).toBe(429);
  });

  it('heartbeat records the screen, answers its board, and carries a remote reload and a reassignment', async () => {
    const first = dataOf<WallboardView>(
      await api.post('wallboards.create', board('HB 1', ['leeds']), as('manager')),
    );
    const second = dataOf<WallboardView>(
      await api.post('wallboards.create', board('HB 2', ['york']), as('manager')),
    );
    await api.access.limits.pairingStart.reset('127.0.0.1');
    const display = await pair(first.id);
    const reloadedAt = new Date(Date.now() - 60_000).toISOString();
    const beat = () =>
      api.post(
        'displays.heartbeat',
        { version: 'v1', screen: '3840x2160', lastReloadAt: reloadedAt },
        { key: null, headers: display },
      );
    expect(dataOf(await beat())).toEqual({ boardId: first.id, reload: false });
    const listed = dataOf<{ id: string; screen: string; boardId: string; clientVersion: string }[]>(
      await get('displays.list', undefined, api.as.manager),
    );
    const row = listed.find((d) => d.boardId === first.id);
    expect(row).toMatchObject({ screen: '3840x2160', clientVersion: 'v1' });
    expect((await api.post('displays.reload', { id: row?.id }, as('manager'))).status).toBe(200);
    expect(dataOf(await beat())).toEqual({ boardId: first.id, reload: true });
    expect(
      (await api.post('displays.assign', { id: row?.id, boardId: second.id }, as('manager'))).status,
    ).toBe(200);
    // After reassignment the display reads the new board's sites (the identity cache lasts 1.5 s).
    await expect
      .poll(async () => dataOf<{ boardId: string }>(await beat()).boardId, { timeout: 10_000 })
      .toBe(second.id);
    expect((await get('wallboards.get', { id: second.id }, display)).status).toBe(200);
    expect(
      (
        await api.post(
          'displays.heartbeat',
          { version: 'v1', screen: 'x', lastReloadAt: reloadedAt },
          { key: null, headers: display },
        )
      ).status,
    ).toBe(400);
    // A person may not send heartbeats.
    expect(
      (
        await api.post(
          'displays.heartbeat',
          { version: 'v1', screen: '1x1', lastReloadAt: reloadedAt },
          as('viewer'),
        )
      ).status,
    ).toBe(403);
    // Revoked: the heartbeat is refused.
    expect((await api.post('displays.revoke', { id: row?.id }, as('manager'))).status).toBe(200);
    await expect.poll(async () => (await beat()).status, { timeout: 10_000 }).toBe(401);
  });

  it('figures: a gap is null, never 0; live queue figures sum over the board sites', async () => {
    const b = dataOf<WallboardView>(
      await api.post('wallboards.create', board('Figures', ['hull']), as('manager')),
    );
    const empty = dataOf<WallboardFigures>(await get('wallboards.figures', { id: b.id }, api.as.viewer));
    expect(empty.now.callsWaiting).toBeNull();
    expect(empty.windows[0]?.measures.answeredWithin60sPct).toBeNull();
    expect(empty.sites).toEqual([
      expect.objectContaining({ siteId: 'hull', stale: true, lastEventAt: null }),
    ]);
    const at = new Date(Date.now() - 5_000).toISOString();
    const ingest = await api.post('ingest.queueSnapshots', {
      snapshots: [
        {
          siteId: 'hull',
          queue: 'main',
          at,
          callsWaiting: 7,
          longestWaitMs: 90_000,
          agentsAvailable: 3,
          agentsOnCall: 2,
          agentsWrapUp: 0,
        },
      ],
    });
    expect(ingest.status).toBe(200);
    const after = dataOf<WallboardFigures>(await get('wallboards.figures', { id: b.id }, api.as.viewer));
    expect(after.now).toMatchObject({ callsWaiting: 7, longestWaitMs: 90_000, agentsAvailable: 3 });
    expect(after.sites[0]?.stale).toBe(false);
    expect(after.windows.map((w) => w.key)).toEqual(['last:60']);
    // The strip lists every system the sites depend on, up or not; no report yet is "unknown", never "up".
    expect(after.systems.map((x) => [x.systemId, x.siteId, x.status]).sort()).toEqual([
      ['cas', 'hull', 'unknown'],
      ['gp-booking', 'hull', 'unknown'],
    ]);
  });
});
