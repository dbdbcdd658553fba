import type { SystemStatusReport } from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import { rowsOf } from '@switchboard/db';
import { sql } from 'drizzle-orm';

/**
 * How one status report is stored. Heartbeats repeat "still up" every few seconds, so a report that only
 * repeats the stream's newest row extends that row's run instead of adding one:
 * - a heartbeat with no response time, later than every stored report of the stream, with the status and
 *   detail of the stream's newest row (itself such a heartbeat), at most the stream's hold after that row's
 *   last-seen time: the row's `last_seen_at` moves to it and `max_gap_ms` keeps the longest silence;
 * - a report at an instant inside a stored run of the same source [at, last_seen_at]: the same status and
 *   detail with no response time is a duplicate (the run already says so); another status is a conflict
 *   (409: the feed already reported that status continuously across this instant); the same status with
 *   another detail or a response time is stored as its own row;
 * - anything else (a change, a probe result, a manual report, a late report outside any run, a silence
 *   longer than the hold) is its own row, last_seen_at = at.
 * The caller holds the stream's lock (see lockStream), so two instances never extend or insert at once.
 */
export type Outcome = 'stored' | 'duplicate' | 'conflict';

export type Latest = {
  status: string;
  source: string;
  detail: string | null;
  response_ms: number | null;
  at_key: string;
  after: boolean;
  gap_ms: number;
  newest: boolean;
};

const stream = (r: SystemStatusReport) =>
  sql`system_id = ${r.systemId} and coalesce(site_id, '') = ${r.siteId ?? ''}`;

/** Serialises the writers of one stream until the transaction ends (PostgreSQL and PGlite alike). */
export async function lockStream(tx: Db, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`system_status|${key}`}))`);
}

/** The stream's row with the last report, placed against the report `r` (after it? how long since?). */
export async function latestOf(tx: Db, r: SystemStatusReport): Promise<Latest | undefined> {
  const at = sql`${r.at}::timestamptz`;
  const [latest] = await rowsOf<Latest>(
    tx,
    sql`select l.status, l.source, l.detail, l.response_ms, l.at::text as at_key,
        (${at} > l.last_seen_at) as after,
        (extract(epoch from (${at} - l.last_seen_at)) * 1000)::float8 as gap_ms,
        not exists (select 1 from system_status n where ${stream(r)} and n.at > l.at) as newest
      from system_status l where ${stream(r)}
      order by l.last_seen_at desc, l.at desc limit 1`,
  );
  return latest;
}

/** True if a heartbeat like `r` may extend the run of `latest` (see the rule above), gap aside. */
export const extendsRun = (latest: Latest, r: SystemStatusReport) =>
  latest.newest &&
  latest.source === 'heartbeat' &&
  latest.response_ms === null &&
  r.source === 'heartbeat' &&
  (r.responseMs ?? null) === null &&
  latest.status === r.status &&
  latest.detail === (r.detail ?? null);

/** Moves a stored run's last report to `lastAt`, keeping the longest silence. */
export async function extendRun(tx: Db, r: SystemStatusReport, atKey: string, lastAt: string, gapMs: number) {
  await tx.execute(
    sql`update system_status set last_seen_at = ${lastAt}::timestamptz,
        max_gap_ms = greatest(max_gap_ms, ceil(${gapMs}::float8)::int)
      where ${stream(r)} and source = 'heartbeat' and at = ${atKey}::timestamptz`,
  );
}

export async function storeReport(
  tx: Db,
  r: SystemStatusReport,
  keyId: string,
  streamHoldMs: number,
): Promise<Outcome> {
  const at = sql`${r.at}::timestamptz`;
  const detail = r.detail ?? null;
  const responseMs = r.responseMs ?? null;
  const latest = await latestOf(tx, r);
  if (latest && !latest.after) {
    const [holder] = await rowsOf<{ status: string; detail: string | null; exact: boolean }>(
      tx,
      sql`select status, detail, (at = ${at}) as exact from system_status
        where ${stream(r)} and source = ${r.source} and last_seen_at >= ${at} and at <= ${at}
        order by at desc limit 1`,
    );
    if (holder) {
      const same = holder.status === r.status && holder.detail === detail;
      if (holder.exact) return same ? 'duplicate' : 'conflict';
      if (holder.status !== r.status) return 'conflict';
      if (same && responseMs === null) return 'duplicate';
    }
  } else if (latest && extendsRun(latest, r) && Number(latest.gap_ms) <= streamHoldMs) {
    await extendRun(tx, r, latest.at_key, r.at, Number(latest.gap_ms));
    return 'stored';
  }
  const inserted = await rowsOf<{ one: number }>(
    tx,
    sql`insert into system_status
        (system_id, site_id, at, last_seen_at, status, source, detail, response_ms, key_id)
      values (${r.systemId}, ${r.siteId ?? null}, ${at}, ${at}, ${r.status}, ${r.source}, ${detail},
        ${responseMs}, ${keyId})
      on conflict do nothing returning 1 as one`,
  );
  return inserted.length > 0 ? 'stored' : 'duplicate';
}
