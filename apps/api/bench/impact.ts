/**
 * `npm run bench` (apps/api): the impact query of a 72-hour incident across 40 sites with a year of
 * history, p95 (goal < 100 ms), on PostgreSQL, with its ratio to a plain read of the window alone measured in
 * the same run (the machine's load moves both); and a 6-hour one (five-minute buckets) for comparison.
 *
 * Seeds straight into the rollups the query reads: a year of hour rollups with their answer-time bins
 * (30 bins an hour a site), the London days summed from them, and five weeks of five-minute rollups with packed bins. Set
 * BENCH_KEEP_DB=<name> to seed once and reuse the data on later runs.
 */
import { sql } from 'drizzle-orm';
import { ANONYMOUS } from '../src/services/incidents/actor.ts';
import { declareIncident } from '../src/services/incidents/declare.ts';
import { getIncidentImpact } from '../src/services/incidents/impact.ts';
import { updateIncident } from '../src/services/incidents/update.ts';
import { benchDatabase, fmt, percentile, seedSites } from './harness.ts';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const RUNS = 30;
const H = 3_600_000;
const SITES = 40;

const bench = await benchDatabase(
  ADMIN_URL,
  process.env.BENCH_KEEP_DB ? `${process.env.BENCH_KEEP_DB}_impact` : undefined,
);
try {
  const { database } = bench;
  const db = database.db;
  const now = Math.floor(Date.now() / H) * H;
  if (bench.fresh) await seed(now);
  const [rows] = await database.rows<{ hours: number; bins: number; fives: number }>(
    sql`select (select count(*) from call_hour_rollups)::int as hours, (select count(*) from call_hour_answer_bins)::int as bins,
      (select count(*) from call_5min_rollups)::int as fives`,
  );
  console.log(
    `impact: ${SITES} sites, ${fmt(Number(rows?.hours))} hour rollup rows (a year), ${fmt(Number(rows?.bins))} hour answer-bin rows, ${fmt(Number(rows?.fives))} five-minute rows (5 weeks), PostgreSQL`,
  );
  const [incident] = await database.rows<{ id: number; hours: number }>(
    sql`select id, extract(epoch from (coalesce(stood_down_at, now()) - started_at))::int / 3600 as hours from incidents order by id`,
  );
  const all = await database.rows<{ id: number }>(sql`select id from incidents order by id`);
  const long = all[1]?.id ?? incident?.id ?? 0;
  const short = all[2]?.id ?? 0;
  const check = await getIncidentImpact(db, ANONYMOUS, { id: long }, now);
  console.log(
    `  72 h incident: window ${check.window.from} → ${check.window.to} (${check.interval}), ${check.sites.length} sites, baseline weeks ${check.baselineWeeks}, extra over 60 s ${fmt(check.extraOver60s ?? Number.NaN, 1)}`,
  );
  const impact = await time('impact, 72 h incident, 40 sites (hour buckets)', 100, () =>
    getIncidentImpact(db, ANONYMOUS, { id: long }, now),
  );
  // Reference, same run: one plain read of the incident window alone (its hours' counts and histograms,
  // every site). The impact reads that window plus four baseline weeks.
  const window = sql`hour >= ${check.window.from}::timestamptz and hour < ${check.window.to}::timestamptz`;
  const reference = await time('reference: the 72 h window alone, hour rows summed', null, () =>
    Promise.all([
      database.rows(sql`select site_id, sum(offered), sum(answered), sum(answer_ms_sum) from call_hour_rollups
        where ${window} group by 1`),
      database.rows(
        sql`select site_id, bin, sum(calls) from call_hour_answer_bins where ${window} group by 1, 2`,
      ),
    ]),
  );
  console.log(
    `  impact / reference (p50)                           ${(impact / reference).toFixed(1)}×   (the baseline is four more weeks)`,
  );
  await time('impact, 6 h incident, 40 sites (5-min buckets)', 100, () =>
    getIncidentImpact(db, ANONYMOUS, { id: short }, now),
  );
} finally {
  await bench.drop();
}

async function time(label: string, goalMs: number | null, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const goal = goalMs === null ? '' : `   (goal p95 < ${goalMs} ms)`;
  console.log(
    `  ${label.padEnd(50)} p50 ${percentile(ms, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(ms, 95).toFixed(1).padStart(7)} ms${goal}`,
  );
  return percentile(ms, 50);
}

async function seed(now: number): Promise<void> {
  const { database } = bench;
  const db = database.db;
  const t = performance.now();
  const { siteIds } = await seedSites(database, SITES);
  const end = new Date(now).toISOString();
  await db.transaction(async (tx) => {
    const run = (q: string) => tx.execute(sql.raw(q));
    await run('set local synchronous_commit = off');
    // A year of hours per site: busier by day, a few abandoned, answer times spread over 30 bins.
    await run(`insert into call_hour_rollups (site_id, hour, offered, answered, answered_within_60s, abandoned,
        abandoned_after_30s, answer_ms_sum)
      select s.id, h, o, o - ab, (o - ab) * 9 / 10, ab, ab / 2, (o - ab) * 25000
      from sites s
      cross join generate_series(timestamptz '${end}' - interval '365 days', timestamptz '${end}' - interval '1 hour', interval '1 hour') h
      cross join lateral (select 40 + 60 * (extract(hour from h) between 8 and 22)::int + (random() * 20)::int as o) x
      cross join lateral (select (o * (0.02 + random() * 0.04))::int as ab) y`);
    await run(`insert into call_hour_answer_bins (site_id, hour, bin, calls)
      select site_id, hour, b * 4, greatest(1, answered / 30) from call_hour_rollups cross join generate_series(0, 29) b`);
    // London days derived from the hours, as ingestion keeps them: in day order, as ingestion writes a day's
    // rows while that day runs (a grouping's own order scattered each day over the whole table).
    await run(`insert into call_day_rollups (site_id, day, offered, answered, answered_within_60s, abandoned,
        abandoned_after_30s, answer_ms_sum)
      select site_id, (hour at time zone 'Europe/London')::date, sum(offered), sum(answered), sum(answered_within_60s),
        sum(abandoned), sum(abandoned_after_30s), sum(answer_ms_sum)
      from call_hour_rollups group by 1, 2 order by 2, 1`);
    await run(`insert into call_day_answer_bins (site_id, day, bin, calls)
      select site_id, (hour at time zone 'Europe/London')::date, bin, sum(calls) from call_hour_answer_bins
      group by 1, 2, 3 order by 2, 1, 3`);
    // Five weeks of five-minute buckets with packed bins.
    await run(`insert into call_5min_rollups (site_id, bucket, offered, answered, answered_within_60s, abandoned,
        abandoned_after_30s, answer_ms_sum, answer_bins, answer_bin_calls)
      select s.id, b, o, o - 1, o - 2, 1, 0, (o - 1) * 25000, array[0, 10, 30, 70]::smallint[], array[o - 4, 1, 1, 1]
      from sites s
      cross join generate_series(timestamptz '${end}' - interval '35 days', timestamptz '${end}' - interval '5 minutes', interval '5 minutes') b
      cross join lateral (select 5 + (random() * 6)::int as o) x`);
  });
  // An earlier incident at half the sites two weeks ago (left out of the baselines), then the two measured.
  const at = (ms: number) => new Date(ms).toISOString();
  const earlier = await declareIncident(db, ANONYMOUS, {
    type: 'business_continuity',
    title: 'Earlier outage',
    systemIds: [],
    siteIds: siteIds.slice(0, SITES / 2),
    startedAt: at(now - 14 * 24 * H - 72 * H),
  });
  await updateIncident(db, ANONYMOUS, { id: earlier.id, stage: 'stood_down', at: at(now - 14 * 24 * H) });
  const long = await declareIncident(db, ANONYMOUS, {
    type: 'critical',
    title: 'Clinical system down, 72 hours',
    systemIds: [],
    siteIds,
    startedAt: at(now - 72 * H),
  });
  await updateIncident(db, ANONYMOUS, { id: long.id, stage: 'stood_down', at: at(now) });
  await declareIncident(db, ANONYMOUS, {
    type: 'business_continuity',
    title: 'Six hours on paper',
    systemIds: [],
    siteIds,
    startedAt: at(now - 6 * H),
  });
  await db.execute(sql`analyze`);
  console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
