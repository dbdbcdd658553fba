/**
 * Query benchmark: a year of minute rollups for 40 sites plus a week of raw events ingested through the
 * real ingestion path, on PostgreSQL; then p50/p95 over 20 runs of the overview, 24-hour series (one site,
 * all sites), a 90-day daily series, and the same 24-hour measures computed from raw events (reference);
 * then the 24-hour series as a live dashboard refetches it: one new call, then the query, with the API's
 * series cache (cold figures are without it).
 * Run: npm run bench (root or apps/api), or tsx bench/queries.ts.
 */
import type { CallEvent } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { changeOfBatch } from '../src/live/change.ts';
import { ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { ingestSystemStatus } from '../src/services/ingest/system-status.ts';
import { getOverview } from '../src/services/queries/overview.ts';
import { getSeries } from '../src/services/queries/series.ts';
import { SeriesCache } from '../src/services/queries/series-cache.ts';
import { addSystem } from '../src/services/systems.ts';
import { benchDatabase, fmt, percentile, seedSites } from './harness.ts';
import { rawWeek, seedFiveMinuteRollups, seedQueueWeek, seedRollupYear } from './seed-history.ts';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const RUNS = 20;
const key = { id: 'bench', feed: 'bench', siteIds: ['*'] };
const DAY = 86_400_000;

async function time(
  label: string,
  goalMs: number | null,
  fn: () => Promise<unknown>,
  before?: (run: number) => Promise<unknown>,
): Promise<number> {
  for (let i = 0; i < 2; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await before?.(i);
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const p95 = percentile(ms, 95);
  const goal = goalMs === null ? '' : `   (goal p95 < ${goalMs} ms)`;
  console.log(
    `  ${label.padEnd(54)} p50 ${percentile(ms, 50).toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms${goal}`,
  );
  return percentile(ms, 50);
}

/** Set BENCH_KEEP_DB=<name> to seed once and reuse the data (and its clock) on later runs. */
const bench = await benchDatabase(ADMIN_URL, process.env.BENCH_KEEP_DB);
try {
  const { database } = bench;
  const db = database.db;
  const siteIds = Array.from({ length: 40 }, (_, i) => `site-${String(i).padStart(2, '0')}`);
  if (bench.fresh) await seed(database, siteIds);
  const [end] = await database.rows<{ t: number }>(
    sql`select (extract(epoch from max(at)) * 1000)::float8 as t from call_events`,
  );
  const now = Math.ceil(Number(end?.t) / 60_000) * 60_000;
  const [size] = await database.rows<{ minutes: number }>(
    sql`select count(*)::int as minutes from call_minute_rollups`,
  );
  const [rawCount] = await database.rows<{ n: number }>(sql`select count(*)::int as n from call_events`);
  console.log(
    `queries: 40 sites, ${fmt(Number(size?.minutes))} minute rollup rows (a year), ${fmt(Number(rawCount?.n))} raw events (7 days), PostgreSQL`,
  );

  const last24h = { from: new Date(now - DAY).toISOString(), to: new Date(now).toISOString() };
  const settings = { staleAfterS: 120, heartbeatTimeoutS: 90 };
  await time('overview (40 sites, last 60 min)', 50, () => getOverview(db, settings, now));
  const one = await time('24 h series, one site (5-min buckets)', 50, () =>
    getSeries(db, { siteIds: ['site-07'], ...last24h, maxPoints: 300 }, now),
  );
  const all = await time('24 h series, all sites (5-min buckets)', 50, () =>
    getSeries(db, { siteIds: [], ...last24h, maxPoints: 300 }, now),
  );
  await time('90-day daily series, all sites', 150, () =>
    getSeries(
      db,
      { siteIds: [], from: new Date(now - 90 * DAY).toISOString(), to: last24h.to, interval: '1d' },
      now,
    ),
  );
  const raw = (sites: string[]) =>
    database.rows(sql`
      with e as (
        select kind, wait_ms, case when kind in ('answered', 'abandoned') then at - wait_ms * interval '1 millisecond' else at end as offered_at
        from call_events
        where at >= ${last24h.from}::timestamptz - interval '1 hour' and at < ${last24h.to}::timestamptz + interval '1 hour'
          ${
            sites.length
              ? sql`and site_id in (${sql.join(
                  sites.map((s) => sql`${s}`),
                  sql`, `,
                )})`
              : sql``
          }
      )
      select date_bin('5 minutes', offered_at, timestamptz '2000-01-01') as bucket,
        count(*) filter (where kind = 'offered') as offered, count(*) filter (where kind = 'answered') as answered,
        count(*) filter (where kind = 'answered' and wait_ms <= 60000) as within60,
        count(*) filter (where kind = 'abandoned') as abandoned,
        avg(wait_ms) filter (where kind = 'answered') as mean_ms,
        percentile_disc(0.95) within group (order by wait_ms) filter (where kind = 'answered') as p95_ms
      from e where offered_at >= ${last24h.from}::timestamptz and offered_at < ${last24h.to}::timestamptz
      group by 1 order by 1`);
  const rawOne = await time('reference: 24 h from raw events, one site', null, () => raw(['site-07']));
  const rawAll = await time('reference: 24 h from raw events, all sites', null, () => raw([]));
  console.log(
    `  raw / rollup (p50), cold                               one site ${(rawOne / one).toFixed(1)}×, all sites ${(rawAll / all).toFixed(1)}×   (goal ≥ 20×)`,
  );

  // What a live dashboard does: a new call arrives, the change reaches the API's series cache, the chart
  // refetches. Each run ingests one call offered in the last bucket, then times the refetch.
  const cache = new SeriesCache();
  const tag = Math.random().toString(36).slice(2, 8);
  const newCall = (site: string) => async (run: number) => {
    const events: CallEvent[] = [
      {
        siteId: site,
        callId: `live-${tag}-${run}`,
        kind: 'offered',
        at: new Date(now - 30_000).toISOString(),
      },
    ];
    const stored = await ingestCallEvents(db, key, events);
    const change = changeOfBatch('calls', events, stored.accepted);
    if (change) cache.invalidate(change);
  };
  const liveOne = await time(
    '24 h series, one site, live refresh (cached)',
    50,
    () => getSeries(db, { siteIds: ['site-07'], ...last24h, maxPoints: 300 }, now, cache),
    newCall('site-07'),
  );
  const liveAll = await time(
    '24 h series, all sites, live refresh (cached)',
    50,
    () => getSeries(db, { siteIds: [], ...last24h, maxPoints: 300 }, now, cache),
    newCall('site-21'),
  );
  console.log(
    `  raw / rollup (p50), live refresh                       one site ${(rawOne / liveOne).toFixed(1)}×, all sites ${(rawAll / liveAll).toFixed(1)}×   (goal ≥ 20×)`,
  );
} finally {
  await bench.drop();
}

async function seed(database: typeof bench.database, siteIds: string[]): Promise<void> {
  const db = database.db;
  await seedSites(database, siteIds.length);
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const rawFrom = now - 7 * DAY;
  let t = performance.now();
  await seedRollupYear(database, new Date(rawFrom));
  const yearS = (performance.now() - t) / 1000;
  t = performance.now();
  let rawEvents = 0;
  for (const batch of rawWeek(siteIds, rawFrom, 1800)) {
    await ingestCallEvents(db, key, batch);
    rawEvents += batch.length;
  }
  const rawS = (performance.now() - t) / 1000;
  await seedQueueWeek(database, new Date(rawFrom));
  await seedFiveMinuteRollups(database);
  const systemIds = ['cas', 'gp-booking', 'telephony'];
  for (const id of systemIds) await addSystem(db, { id, name: id, siteIds, actor: 'bench' });
  // A week of 30-second heartbeats per site and system, and a 20-minute CAS outage at one site.
  const beats = siteIds.flatMap((siteId) =>
    systemIds.flatMap((systemId) =>
      Array.from({ length: 7 * 2880 }, (_, i) => ({
        systemId,
        siteId,
        at: new Date(now - i * 30_000).toISOString(),
        status:
          systemId === 'cas' && siteId === 'site-07' && i > 20 && i < 60
            ? ('down' as const)
            : ('up' as const),
        source: 'heartbeat' as const,
      })),
    ),
  );
  for (let i = 0; i < beats.length; i += 5_000)
    await ingestSystemStatus(db, key, beats.slice(i, i + 5_000), { heartbeatTimeoutS: 90 });
  await db.execute(sql`analyze`);
  console.log(
    `seeded a year of rollups in ${yearS.toFixed(0)} s; ingested ${fmt(rawEvents)} raw events in ${rawS.toFixed(0)} s (${fmt(rawEvents / rawS)} events/s with rollups), ${fmt(beats.length)} heartbeats`,
  );
}
