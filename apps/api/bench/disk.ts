/**
 * Disk use of the embedded database: feeds BENCH_DISK_DAYS days (default 3) of the demo's history rates
 * (1,800 calls a weekday per site, a queue snapshot and a heartbeat per system every 60 s, five systems)
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
import { pruneRawData } from '../src/services/retention.ts';
import { addSite } from '../src/services/sites.ts';
import { addSystem } from '../src/services/systems.ts';
import { fmt } from './harness.ts';

const DAYS = Number(process.env.BENCH_DISK_DAYS ?? 3);
const SITES = Number(process.env.BENCH_DISK_SITES ?? 2);
const DAY = 86_400_000;
const SYSTEMS = ['cas', 'gp-booking', 'ambulance-cad', 'patient-record', 'telephony'];
const BATCH = 5_000;

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
  return database.rows<{ name: string; bytes: number; rows: number }>(sql`
    select c.relname as name, pg_total_relation_size(c.oid)::float8 as bytes, c.reltuples::float8 as rows
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' order by 2 desc limit 8`);
}

async function feed(database: Database, siteIds: string[], from: number) {
  const app = createApp(database);
  const key = { id: 'bench-disk', feed: 'bench', siteIds: ['*'] };
  const sim = new Simulation({
    sites: siteIds.map((id) => ({ id, systems: [...SYSTEMS] as never })),
    from: new Date(from),
    seed: 1,
    snapshotEveryMs: 60_000,
    heartbeatEveryMs: 60_000,
  });
  const counts = { events: 0, snapshots: 0, statuses: 0 };
  for (let t = from + 3_600_000; t <= from + DAYS * DAY; t += 3_600_000) {
    const batch = sim.advance(t);
    for (let i = 0; i < batch.statuses.length; i += BATCH)
      await app.ingest.systemStatus(key, { statuses: batch.statuses.slice(i, i + BATCH) });
    for (let i = 0; i < batch.events.length; i += BATCH)
      await app.ingest.callEvents(key, { events: batch.events.slice(i, i + BATCH) });
    for (let i = 0; i < batch.snapshots.length; i += BATCH)
      await app.ingest.queueSnapshots(key, { snapshots: batch.snapshots.slice(i, i + BATCH) });
    // A server's event loop turns between requests (its timers, such as the WAL bound's, run then).
    await new Promise((resolve) => setTimeout(resolve, 1));
    counts.events += batch.events.length;
    counts.snapshots += batch.snapshots.length;
    counts.statuses += batch.statuses.length;
  }
  return counts;
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
    const from = Math.floor(Date.now() / DAY) * DAY - (DAYS + 1) * DAY;
    const started = performance.now();
    const counts = await feed(database, siteIds, from);
    const loadS = (performance.now() - started) / 1000;
    const full = sizes(dir);
    const loaded = { ...full, rest: full.rest - empty.rest };
    const tables = await tableSizes(database);
    console.log(
      `disk: ${SITES} site(s) × ${DAYS} day(s) at the demo's history rates: ${fmt(counts.events)} events, ` +
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
    for (const t of tables)
      console.log(`    ${t.name.padEnd(28)} ${fmt(mb(t.bytes), 1).padStart(8)} MB  ${fmt(t.rows)} rows`);
    const rawBytes = tables
      .filter((t) => t.name === 'call_events' || t.name === 'queue_snapshots')
      .reduce((sum, t) => sum + t.bytes, 0);
    const tableBytes = tables.reduce((sum, t) => sum + t.bytes, 0);
    console.log(
      `  per site-year, everything kept: ${fmt(perSiteYear(loaded.rest))} MB on disk before the WAL ` +
        `(tables ${fmt(perSiteYear(tableBytes))} MB, of which raw events and snapshots ${fmt(perSiteYear(rawBytes))} MB)`,
    );
    // Retention once the raw rows are older than the window: what a site-year keeps after it.
    const pruned = await pruneRawData(database.db, {
      olderThan: new Date(from + (DAYS + 1) * DAY),
      pauseMs: 0,
    });
    await database.db.execute(sql`vacuum full call_events, queue_snapshots`);
    await database.db.execute(sql`checkpoint`);
    const after = sizes(dir);
    const kept = { ...after, rest: after.rest - empty.rest };
    console.log(
      `  after raw retention (${fmt(pruned)} rows pruned, VACUUM FULL to show the steady state): ` +
        `${fmt(perSiteYear(kept.rest))} MB per site-year before the WAL, WAL ${fmt(mb(kept.wal), 1)} MB ` +
        `(ratio to everything kept: ${fmt(kept.rest / loaded.rest, 2)})`,
    );
    await database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
