import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredCall, snapshot, status } from './support/api.ts';
import { twoPageBoard } from './support/boards.ts';
import { screenshot, seriousViolations } from './support/browser.ts';
import { type Stack, startStack, text } from './support/stack.ts';

const HD = { width: 1920, height: 1080 };
const UHD = { width: 3840, height: 2160 };

const PAGES = twoPageBoard(10);

/** The page fits the screen: nothing scrolls. */
const fits = (page: Page) =>
  page.evaluate(
    () =>
      document.documentElement.scrollHeight <= window.innerHeight + 1 &&
      document.documentElement.scrollWidth <= window.innerWidth + 1,
  );

describe('wallboard on a TV', () => {
  let stack: Stack;
  let tv: { context: BrowserContext; close(): Promise<void> };
  let screen: Page;
  let boardId = '';
  let calls = 0;
  const feed = async (waiting: number) => {
    await stack.api.ingest('queueSnapshots', { snapshots: [snapshot('leeds', 0, waiting, 42)] });
    await stack.api.ingest('callEvents', { events: answeredCall('leeds', `w-${++calls}`, 1, 12) });
  };
  const tile = (measure: string) => screen.locator(`[data-testid="wb-tile"][data-measure="${measure}"]`);

  beforeAll(async () => {
    stack = await startStack();
    await stack.api.ingest('systemStatus', {
      statuses: [status('cas', 'leeds', 0, 'up'), status('gp-booking', 'leeds', 0, 'up')],
    });
    await feed(3);
    const board = await stack.api.admin.mutate<{ id: string }>('wallboards.create', {
      name: 'Leeds floor',
      sites: ['leeds'],
      pages: PAGES,
    });
    boardId = board.id;
    tv = await stack.otherBrowser();
  });
  afterAll(async () => {
    await tv?.close();
    await stack?.close();
  });

  it('pairs by a code approved in Admin › Displays, then shows its board', async () => {
    screen = await tv.context.newPage();
    await screen.setViewportSize(HD);
    await screen.goto(`${stack.dashboardUrl}/wallboard`);
    const code = screen.getByTestId('wb-pairing-code');
    await code.waitFor({ timeout: 30_000 });
    expect(await text(code)).toMatch(/^[A-Z0-9]{6}$/);
    expect(await seriousViolations(screen)).toEqual([]);
    await screenshot(screen, 'wallboard-pairing-1080p');

    const admin = await stack.open('/admin/displays');
    await admin.getByLabel('Code shown on the screen').fill(await text(code));
    await admin.getByLabel('Screen name').fill('Leeds floor TV 1');
    await admin.locator('#pair-boardId').selectOption({ label: 'Leeds floor' });
    await admin.getByRole('button', { name: 'Pair screen' }).click();
    await admin.getByTestId('paired').waitFor();
    await admin.close();

    await screen.getByTestId('wallboard').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => text(tile('callsWaiting').getByTestId('wb-value')), { timeout: 30_000 })
      .toBe('3');
    expect(await screen.getByTestId('wb-tile').count()).toBe(6);
  });

  it('shows every tile with its window, RAG word and update time, fits 1080p and 4K with no scrolling', async () => {
    // A feed silent for STALE_AFTER_S (120 s) greys its tiles: pairing on a loaded machine can take that long.
    await feed(3);
    await screen.locator('[data-live="true"]').waitFor({ timeout: 30_000 });
    const sl = await text(tile('answeredWithin60sPct'));
    expect(sl).toContain('last 60 min');
    expect(sl).toMatch(/OK|AT RISK|BREACH/);
    // Seconds while the data is fresh; hours and minutes once it is older (a slow machine may get there).
    expect(sl).toMatch(/updated \d\d:\d\d(:\d\d)?/);
    expect(await text(tile('meanAnswerMs'))).toContain('since 00:00');
    expect(await fits(screen)).toBe(true);
    expect(await seriousViolations(screen)).toEqual([]);
    await screenshot(screen, 'wallboard-board-1080p');
    await screen.setViewportSize(UHD);
    expect(await fits(screen)).toBe(true);
    // The big figure scales with the screen: about 11% of its height.
    const size = await tile('callsWaiting')
      .getByTestId('wb-value')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThan(200);
    expect(await seriousViolations(screen)).toEqual([]);
    await screenshot(screen, 'wallboard-board-4k');
    await screen.setViewportSize(HD);
  });

  it('updates live without a reload and rotates its pages', async () => {
    await screen.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });
    await feed(8);
    await expect
      .poll(() => text(tile('callsWaiting').getByTestId('wb-value')), { timeout: 30_000 })
      .toBe('8');
    await screen.locator('[data-testid="wallboard"][data-page="1"]').waitFor({ timeout: 30_000 });
    await screen.getByTestId('wb-chart').waitFor();
    // The dashed line is named, and the span's ends are labelled (its start on the London clock).
    await expect
      .poll(() => text(screen.getByTestId('wb-chart')), { timeout: 30_000 })
      .toMatch(/target 20 s.*4 h ago · \d\d:\d\d.*now/);
    await screenshot(screen, 'wallboard-page2-chart-1080p');
    await screen.locator('[data-testid="wallboard"][data-page="0"]').waitFor({ timeout: 30_000 });
    expect(
      await screen.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
  });

  it('names a system that is down, and since when, and pauses the rotation', async () => {
    await screen.locator('[data-testid="wallboard"][data-page="0"]').waitFor({ timeout: 30_000 });
    await stack.api.ingest('systemStatus', { statuses: [status('cas', 'leeds', 0, 'down')] });
    await feed(8);
    const banner = screen.getByTestId('wb-systems-down');
    await banner.waitFor({ timeout: 30_000 });
    expect(await text(banner)).toMatch(/SYSTEM DOWN: Adastra \(CAS\) since \d\d:\d\d/);
    await screen.locator('[data-pinned="true"]').waitFor();
    expect(await text(screen.getByTestId('wb-rotation'))).toContain('rotation paused');
    const page = await screen.getByTestId('wallboard').getAttribute('data-page');
    // Longer than the page's 10 s interval, measured on the page's own clock.
    const start = await screen.evaluate(() => Date.now());
    await screen.waitForFunction((t) => Date.now() - t > 12_000, start, { timeout: 30_000, polling: 500 });
    expect(await screen.getByTestId('wallboard').getAttribute('data-page')).toBe(page);
    expect(await seriousViolations(screen)).toEqual([]);
    await screenshot(screen, 'wallboard-system-down-1080p');
    await stack.api.ingest('systemStatus', { statuses: [status('cas', 'leeds', 0, 'up')] });
    await screen.locator('[data-pinned="false"]').waitFor({ timeout: 30_000 });
  });

  it('greys out and says NOT LIVE when the API stops, and recovers by itself when it returns', async () => {
    await screen.locator('[data-live="true"]').waitFor({ timeout: 30_000 });
    await stack.api.stop();
    const banner = screen.getByTestId('wb-not-live');
    await banner.waitFor({ timeout: 30_000 });
    expect(await text(banner)).toMatch(/NOT LIVE — no data since \d\d:\d\d/);
    const tiles = await screen.getByTestId('wb-tile').count();
    expect(tiles).toBeGreaterThan(0);
    expect(await screen.locator('[data-rag="grey"]').count()).toBe(tiles);
    // The systems strip says its states are only the last known ones, never a green UP.
    const strip = screen.getByTestId('wb-systems');
    expect(await strip.locator('[data-status="up"]').count()).toBe(0);
    expect(await text(strip)).toMatch(/\(last known\)/);
    expect(await seriousViolations(screen)).toEqual([]);
    await screenshot(screen, 'wallboard-not-live-1080p');
    await stack.api.start();
    await screen.locator('[data-live="true"]').waitFor({ timeout: 60_000 });
    expect(await banner.count()).toBe(0);
    await feed(11);
    await expect
      .poll(() => text(tile('callsWaiting').getByTestId('wb-value')), { timeout: 30_000 })
      .toBe('11');
  });

  it('a revoked display stops and says so', async () => {
    const displays =
      await stack.api.admin.query<{ id: string; name: string; revokedAt: string | null }[]>('displays.list');
    const display = displays.find((d) => d.name === 'Leeds floor TV 1' && !d.revokedAt);
    await stack.api.admin.mutate('displays.revoke', { id: display?.id });
    const revoked = screen.getByTestId('wb-revoked');
    await revoked.waitFor({ timeout: 30_000 });
    expect(await text(revoked)).toContain('This display has stopped');
    expect(await screen.getByTestId('wb-tile').count()).toBe(0);
    expect(await seriousViolations(screen)).toEqual([]);
    await screenshot(screen, 'wallboard-revoked-1080p');
  });

  it('a display link opens /wallboard; the screen follows a reassignment and a remote reload', async () => {
    const created = await stack.api.admin.mutate<{ id: string; url: string }>('displays.create', {
      name: 'Spare TV',
      sites: ['leeds'],
    });
    const spare = await tv.context.newPage();
    await spare.setViewportSize(HD);
    await spare.goto(`${created.url}&to=wallboard`);
    await spare.getByText('Spare TV: no board assigned').waitFor({ timeout: 30_000 });
    await stack.api.admin.mutate('displays.assign', { id: created.id, boardId });
    // The screen asks who it is every 15 s and picks up its board.
    await spare.getByTestId('wallboard').waitFor({ timeout: 60_000 });
    await spare.evaluate(() => {
      (window as unknown as { __beforeReload: boolean }).__beforeReload = true;
    });
    await stack.api.admin.mutate('displays.reload', { id: created.id });
    // Reloaded at its next heartbeat (every 30 s): the marker is gone, the board is back.
    await spare.waitForFunction(
      () => !(window as unknown as { __beforeReload?: boolean }).__beforeReload,
      undefined,
      {
        timeout: 60_000,
        polling: 500,
      },
    );
    await spare.getByTestId('wallboard').waitFor({ timeout: 30_000 });
    const listed =
      await stack.api.admin.query<{ id: string; screen: string | null; lastReloadAt: string | null }[]>(
        'displays.list',
      );
    expect(listed.find((d) => d.id === created.id)?.screen).toBe('1920x1080');
    await spare.close();
  });

  it('the boards admin page has no serious accessibility problems', async () => {
    const admin = await stack.open('/admin/wallboards');
    await admin.locator('[data-board="Leeds floor"]').waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'wallboard-admin-boards');
    await admin.close();
    expect(boardId).toMatch(/^wb_/);
  });
});
