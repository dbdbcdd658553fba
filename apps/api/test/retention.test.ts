import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallEvent, QueueSnapshot } from '@switchboard/contracts';
import { createTestDb, type TestDatabase, testBackends } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.ts';
import { ImportError, importCalls } from '../src/services/import/calls.ts';
import { ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { ingestQueueSnapshots } from '../src/services/ingest/queue-snapshots.ts';
import { createRetentionJob, pruneRawData, rawPrunedBefore } from '../src/services/retention.ts';
import { ROLLUP_TABLES, rebuildRollups } from '../src/services/rollups/rebuild.ts';
import { addSite } from '../src/services/sites.ts';

const KEY = { id: 'test', feed: 'test', siteIds: ['*'] };
const SITES = ['leeds', 'york'];
const DAY = 86_400_000;
const NOW = Date.now();

/** 10 days of calls (offered, then answered after a wait) and queue snapshots, every 17 and 30 minutes. */
function history(from: number, run: string): { events: CallEvent[]; snapshots: QueueSnapshot[] } {
  const events: CallEvent[] = [];
  const snapshots: QueueSnapshot[] = [];
  for (let t = from, i = 0; t < NOW - 60_000; t += 17 * 60_000, i++) {
    for (const siteId of SITES) {
      const base = { siteId, callId: `${run}-${i}`, queue: 'main' };
      events.push({ ...base, kind: 'offered', at: new Date(t).toISOString() });
      const waitMs = (i * 7_919) % 90_000;
      events.push({ ...base, kind: 'answered', at: new Date(t + waitMs).toISOString(), waitMs });
    }
  }
  for (let t = from; t < NOW - 60_000; t += 30 * 60_000) {
    for (const siteId of SITES)
      snapshots.push({
        siteId,
        queue: 'main',
        at: new Date(t).toISOString(),
        callsWaiting: 3,
        longestWaitMs: 20_000,
        agentsAvailable: 4,
        agentsOnCall: 10,
        agentsWrapUp: 1,
      });
  }
  return { events, snapshots };
}

async function load(database: TestDatabase, data: ReturnType<typeof history>) {
  for (let i = 0; i < data.events.length; i += 500)
    await ingestCallEvents(database.db, KEY, data.events.slice(i, i + 500));
  for (let i = 0; i < data.snapshots.length; i += 500)
    await ingestQueueSnapshots(database.db, KEY, data.snapshots.slice(i, i + 500));
}

const rollups = async (database: TestDatabase) => {
  const out: Record<string, unknown[]> = {};
  for (const table of ROLLUP_TABLES)
    out[table] = await database.rows(sql.raw(`select * from ${table} order by 1, 2, 3, 4`));
  return out;
};

const count = async (database: TestDatabase, table: string, where: string) =>
  Number(
    (await database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table} where ${where}`)))[0]
      ?.n,
  );

/** The London midnight at or before an instant, as the database computes it. */
const londonMidnight = async (database: TestDatabase, at: number) =>
  (
    await database.rows<{ m: string }>(
      sql`select to_char((date_trunc('day', ${new Date(at).toISOString()}::timestamptz at time zone 'Europe/London')
        at time zone 'Europe/London') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as m`,
    )
  )[0]?.m;

describe.each(testBackends())('raw retention on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDb(backend);
    for (const id of SITES) await addSite(database.db, { id, name: id, actor: 'test' });
  });
  afterAll(() => database?.destroy());

  it('deletes raw rows before the London midnight in small batches, keeps every rollup, and a rebuild agrees', async () => {
    await load(database, history(NOW - 10 * DAY, 'a'));
    const before = await rollups(database);
    const mark = await londonMidnight(database, NOW - 4 * DAY);
    const rawBefore = await count(database, 'call_events', `at < '${mark}'`);
    const keptEvents = await count(database, 'call_events', `at >= '${mark}'`);
    const keptSnapshots = await count(database, 'queue_snapshots', `at >= '${mark}'`);
    expect(rawBefore).toBeGreaterThan(100);

    // Ingestion goes on meanwhile (batches of 37 rows, no pause: the statements interleave).
    const late = history(NOW - 2 * 3_600_000 + 7 * 60_000, 'b');
    const [deleted] = await Promise.all([
      pruneRawData(database.db, { olderThan: new Date(NOW - 4 * DAY), batchSize: 37, pauseMs: 0 }),
      load(database, late),
    ]);
    expect(await rawPrunedBefore(database.db)).toBe(mark);
    expect(await count(database, 'call_events', `at < '${mark}'`)).toBe(0);
    expect(await count(database, 'queue_snapshots', `at < '${mark}'`)).toBe(0);
    expect(await count(database, 'call_events', `at >= '${mark}'`)).toBe(keptEvents + late.events.length);
    expect(await count(database, 'queue_snapshots', `at >= '${mark}'`)).toBe(
      keptSnapshots + late.snapshots.length,
    );
    expect(deleted).toBeGreaterThanOrEqual(rawBefore);

    // Rollups are untouched by the prune; a rebuild recomputes only from the mark on and gives the same.
    const withLate = await rollups(database);
    for (const table of ROLLUP_TABLES) expect(withLate[table]?.length).toBeGreaterThan(0);
    await rebuildRollups(database.db);
    expect(await rollups(database)).toEqual(withLate);
    // The rollups of the pruned days are those computed before the prune.
    const minute = (rows: unknown[] | undefined) =>
      (rows as { minute: string | Date }[]).filter(
        (r) => new Date(r.minute).getTime() < Date.parse(mark ?? ''),
      );
    expect(minute(withLate.call_minute_rollups)).toEqual(minute(before.call_minute_rollups));
  });

  it('never lowers the mark, and refuses items older than it, naming the field, storing nothing', async () => {
    const mark = await rawPrunedBefore(database.db);
    await pruneRawData(database.db, { olderThan: new Date(NOW - 9 * DAY), pauseMs: 0 });
    expect(await rawPrunedBefore(database.db)).toBe(mark);
    const old = new Date(Date.parse(mark ?? '') - 1).toISOString();
    const stored = await rollups(database);
    const fresh = new Date(NOW - 60_000).toISOString();
    const refusal = ingestCallEvents(database.db, KEY, [
      { siteId: 'leeds', callId: 'new', kind: 'offered', at: fresh },
      { siteId: 'leeds', callId: 'old', kind: 'offered', at: old },
    ]);
    await expect(refusal).rejects.toThrow(DomainError);
    await expect(refusal).rejects.toThrow(/events\[1\]\.at: older than the raw data kept/);
    const snapshot = history(Date.parse(mark ?? '') - 60_000, 'c').snapshots.slice(0, 1);
    await expect(ingestQueueSnapshots(database.db, KEY, snapshot)).rejects.toThrow(/snapshots\[0\]\.at/);
    expect(await rollups(database)).toEqual(stored);
    expect(await count(database, 'call_events', `call_id in ('new', 'old')`)).toBe(0);
    // At the mark itself is kept.
    const at = await ingestCallEvents(database.db, KEY, [
      { siteId: 'leeds', callId: 'edge', kind: 'offered', at: mark ?? '' },
    ]);
    expect(at.accepted).toBe(1);
  });

  it('refuses to import call history older than the mark (a re-import would count it twice)', async () => {
    const mark = (await rawPrunedBefore(database.db)) ?? '';
    const dir = mkdtempSync(join(tmpdir(), 'sb-retention-'));
    try {
      const file = join(dir, 'calls.csv');
      const old = new Date(Date.parse(mark) - 3_600_000).toISOString();
      writeFileSync(file, `callId,kind,at\nimp-1,offered,${mark}\nimp-2,offered,${old}\n`);
      const error = await importCalls(database, { siteId: 'leeds', file }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).message).toMatch(/^line 3: at: older than the raw data kept/);
      expect(await count(database, 'call_events', `call_id like 'imp-%'`)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rebuilds without counting twice a call offered before the mark and answered after it', async () => {
    // The call counts in the minute it was offered, a kept minute before the mark; its answer's own instant
    // is after the mark, so it is kept as raw data, and a rebuild from the mark must not add it again.
    const mark = Date.parse((await rawPrunedBefore(database.db)) ?? '');
    const answeredIn = async () =>
      (
        (await rollups(database)).call_minute_rollups as {
          site_id: string;
          minute: string | Date;
          answered: number;
        }[]
      )
        .filter((r) => r.site_id === 'york' && new Date(r.minute).getTime() === mark - 60_000)
        .reduce((n, r) => n + r.answered, 0);
    const before = await answeredIn();
    const at = new Date(mark + 21_000).toISOString();
    const stored = await ingestCallEvents(database.db, KEY, [
      { siteId: 'york', callId: 'straddle', kind: 'answered', at, waitMs: 31_000 },
    ]);
    expect(stored.accepted).toBe(1);
    expect(await answeredIn()).toBe(before + 1);
    const incremental = await rollups(database);
    await rebuildRollups(database.db);
    expect(await rollups(database)).toEqual(incremental);
  });

  it('vacuums the status runs on every pass, even when raw data is kept forever (days 0)', async () => {
    const vacuums = async () => {
      const [row] = await database.rows<{ n: number }>(
        sql`select coalesce(sum(vacuum_count), 0)::int as n from pg_stat_user_tables where relname = 'system_status'`,
      );
      return Number(row?.n ?? 0);
    };
    const before = await vacuums();
    const mark = await rawPrunedBefore(database.db);
    const job = createRetentionJob(database.db, { days: 0, firstAfterMs: 0, everyMs: 60_000 });
    job.start();
    await expect.poll(vacuums, { timeout: 20_000 }).toBeGreaterThan(before);
    await job.stop();
    expect(await rawPrunedBefore(database.db)).toBe(mark); // nothing pruned
  });

  it('runs as a job that prunes by itself and stops cleanly', async () => {
    await load(database, { events: [], snapshots: history(NOW - 3 * DAY, 'd').snapshots });
    const job = createRetentionJob(database.db, { days: 1, firstAfterMs: 0, everyMs: 60_000 });
    job.start();
    const mark = await londonMidnight(database, NOW - DAY);
    await expect
      .poll(async () => count(database, 'queue_snapshots', `at < '${mark}'`), { timeout: 20_000 })
      .toBe(0);
    await job.stop();
    expect(await rawPrunedBefore(database.db)).toBe(mark);
  });
});
