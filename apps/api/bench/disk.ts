/**
 * Disk use of the embedded database: feeds BENCH_DISK_DAYS days (default 3) of the demo's history rates
 * (1,800 calls a weekday per site, a queue snapshot and a heartbeat per system every 60 s, five systems;
 * BENCH_DISK_RATES=live: the live feed's 15-s snapshots and 30-s heartbeats)
 * for BENCH_DISK_SITES sites (default 2) through the real ingestion service into a fresh PGlite folder,
 * then prints the folder's size (tables and write-ahead log apart), the largest tables, and MB per
 * site-year extrapolated; then applies raw retention (as RETENTION_RAW_DAYS would once the raw rows are
 * old) and prints what a site-year keeps. The reference in the same run is the raw rows' share.
 * Run: npm run bench:disk -w @switchboard/api
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Database } from '@switchboard/db';
import { Simulation } from '@switchboard/simulator';
import { sql } from 'drizzle-orm';
import { createApp } from '../src/app.ts';
import { pruneRawData, vacuumStatusRuns } from '../src/services/retention.ts';
import { addSite } from '../src/services/sites.ts';
import { addSystem } from '../src/services/systems.ts';
import { fmt } from './harness.ts';

const DAYS = Number(process.env.BENCH_DISK_DAYS ?? 3);
const SITES = Number(process.env.BENCH_DISK_SITES ?? 2);
const DAY = 86_400_000;
const SYSTEMS = ['cas', 'gp-booking', 'ambulance-cad', 'patient-record', 'telephony'];
const BATCH = 5_000;
/** `history` (default): the rates of `npm start`'s 4 weeks of history; `live`: the simulator's live defaults. */
const RATES = process.env.BENCH_DISK_RATES === 'live' ? 'live' : 'history';
const SNAPSHOT_MS = RATES === 'live' ? 15_000 : 60_000;
const HEARTBEAT_MS = RATES === 'live' ? 30_000 : 60_000;

function folderBytes(path: string): number {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : statSync(full).size;
  }
  return total;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const perSiteYear = (bytes: number) => (mb(bytes) / SITES / DAYS) * 365;

function sizes(dir: string) {
  const wal = folderBytes(join(dir, 'pg_wal'));
  return { total: folderBytes(dir), wal, rest: folderBytes(dir) - wal };
}

async function tableSizes(database: Database) {
  return database.rows<{ name: string; bytes: number }>(sql`
    select c.relname as name, pg_total_relation_size(c.oid)::float8 as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' order by 2 desc`);
}

const sum = (tables: { bytes: number }[]) => tables.reduce((total, t) => total + t.bytes, 0);

type Feed = (toMs: number) => Promise<{ events: number; snapshots: number; statuses: number }>;

/** A feed of the simulated sites through the real ingestion service, hour by hour, up to an instant. */
function feeder(database: Database, siteIds: string[], from: number): Feed {
  const app = createApp(database);
  const key = { id: 'bench-disk', feed: 'bench', siteIds: ['*'] };
  const sim = new Simulation({
    sites: siteIds.map((id) => ({ id, systems: [...SYSTEMS] as never })),
    from: new Date(from),
    seed: 1,
    snapshotEveryMs: SNAPSHOT_MS,
    heartbeatEveryMs: HEARTBEAT_MS,
  });
  return async (toMs) => {
    const counts = { events: 0, snapshots: 0, statuses: 0 };
    for (let t = sim.now.getTime() + 3_600_000; t <= toMs; t += 3_600_000) {
      const batch = sim.advance(t);
      for (let i = 0; i < batch.statuses.length; i += BATCH)
        await app.ingest.systemStatus(key, { statuses: batch.statuses.slice(i, i + BATCH) });
      for (let i = 0; i < batch.events.length; i += BATCH)
        await app.ingest.callEvents(key, { events: batch.events.slice(i, i + BATCH) });
      for (let i = 0; i < batch.snapshots.length; i += BATCH)
        await app.ingest.queueSnapshots(key, { snapshots: batch.snapshots.slice(i, i + BATCH) });
      // The API's hourly job vacuums the status runs (see vacuumStatusRuns): once per simulated hour here.
      await vacuumStatusRuns(database.db);
      // A server's event loop turns between requests (its timers, such as the WAL bound's, run then).
      await new Promise((resolve) => setTimeout(resolve, 1));
      counts.events += batch.events.length;
      counts.snapshots += batch.snapshots.length;
      counts.statuses += batch.statuses.length;
    }
    return counts;
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sb-disk-'));
  try {
    const database = await createDb({ dataDir: dir });
    const siteIds = Array.from({ length: SITES }, (_, i) => `site-${i}`);
    for (const id of siteIds) await addSite(database.db, { id, name: id, actor: 'bench' });
    for (const id of SYSTEMS) await addSystem(database.db, { id, name: id, siteIds, actor: 'bench' });
    // The empty cluster (catalogs, migrations, first WAL segments) is there whatever the data: not per site.
    const empty = sizes(dir);
    // Two spans of DAYS days, both in the past: the second shows growth once retention is under way.
    const from = Math.floor(Date.now() / DAY) * DAY - (2 * DAYS + 1) * DAY;
    const feed = feeder(database, siteIds, from);
    const started = performance.now();
    const counts = await feed(from + DAYS * DAY);
    const loadS = (performance.now() - started) / 1000;
    const full = sizes(dir);
    const loaded = { ...full, rest: full.rest - empty.rest };
    const tables = await tableSizes(database);
    console.log(
      `disk: ${SITES} site(s) × ${DAYS} day(s) at the demo's ${RATES} rates: ${fmt(counts.events)} events, ` +
        `${fmt(counts.snapshots)} snapshots, ${fmt(counts.statuses)} statuses, loaded in ${fmt(loadS, 1)} s`,
    );
    console.log(
      `  folder ${fmt(mb(full.total), 1)} MB: the empty cluster ${fmt(mb(empty.rest), 1)} MB, the data ` +
        `${fmt(mb(loaded.rest), 1)} MB, WAL ${fmt(mb(full.wal), 1)} MB (${fmt(mb(empty.wal), 1)} MB when empty)`,
    );
    const [wal] = await database.rows<{ max: string; min: string }>(
      sql`select current_setting('max_wal_size') as max, current_setting('min_wal_size') as min`,
    );
    console.log(`  (embedded max_wal_size ${wal?.max}, min_wal_size ${wal?.min})`);
    for (const t of tables.slice(0, 12))
      console.log(
        `    ${t.name.padEnd(28)} ${fmt(mb(t.bytes), 1).padStart(8)} MB, ` +
          `${fmt(perSiteYear(t.bytes)).padStart(6)} MB per site-year (indexes included)`,
      );
    const rawBytes = tables
      .filter((t) => t.name === 'call_events' || t.name === 'queue_snapshots')
      .reduce((sum, t) => sum + t.bytes, 0);
    const tableBytes = tables.reduce((sum, t) => sum + t.bytes, 0);
    console.log(
      `  per site-year, everything kept: ${fmt(perSiteYear(loaded.rest))} MB on disk before the WAL ` +
        `(tables ${fmt(perSiteYear(tableBytes))} MB, of which raw events and snapshots ${fmt(perSiteYear(rawBytes))} MB)`,
    );
    // Retention as the job applies it (batches, then a plain VACUUM), then as many days again, pruned too:
    // the growth over the second span is what a site-year adds once raw retention is under way.
    const prune = (at: number) => pruneRawData(database.db, { olderThan: new Date(at), pauseMs: 0 });
    let pruned = await prune(from + DAYS * DAY);
    const first = sizes(dir);
    const firstTables = await tableSizes(database);
    const tablesFirst = sum(firstTables);
    await feed(from + 2 * DAYS * DAY);
    pruned += await prune(from + 2 * DAYS * DAY);
    const second = sizes(dir);
    const secondTables = await tableSizes(database);
    const tablesGrew = sum(secondTables) - tablesFirst;
    const grew = secondTables
      .map((t) => ({
        name: t.name,
        bytes: t.bytes - (firstTables.find((f) => f.name === t.name)?.bytes ?? 0),
      }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5);
    console.log(
      `  over the second span, per site-year: ${grew.map((g) => `${g.name} ${fmt(perSiteYear(g.bytes))} MB`).join(', ')}`,
    );
    console.log(
      `  with raw retention (${fmt(pruned)} rows pruned in two passes, freed space reused): ` +
        `${fmt(perSiteYear(second.rest - first.rest))} MB per site-year before the WAL, WAL ${fmt(mb(second.wal), 1)} MB ` +
        `(ratio to everything kept: ${fmt((second.rest - first.rest) / loaded.rest, 2)}); the tables grew ` +
        `${fmt(perSiteYear(tablesGrew))} MB per site-year of it (raw tables reuse the space freed)`,
    );
    await database.db.execute(sql`vacuum full`);
    await database.db.execute(sql`checkpoint`);
    const compact = sizes(dir);
    console.log(
      `  the same compacted (VACUUM FULL): ${fmt((mb(compact.rest - empty.rest) / SITES / (2 * DAYS)) * 365)} MB ` +
        `per site-year kept`,
    );
    await database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
