import type { AvailabilityInput, AvailabilityResult, AvailabilityRow } from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import { rowsOf } from '@switchboard/db';
import { availability, maintenanceIntervals, maintenanceShare, statusIntervals } from '@switchboard/metrics';
import { type SQL, sql } from 'drizzle-orm';
import { maintenanceIndex } from '../alerts/maintenance.ts';
import { groupBy } from './call-counts.ts';
import { holdMs } from './expectations.ts';
import { iso, resolveRange } from './range.ts';
import { runReports } from './status-runs.ts';
import { currentSystemStates, STATUS_PAIRS } from './system-states.ts';

/** Narrows the scan of reports to the sites (national rows always kept) and systems asked for. */
function reportFilter(input: AvailabilityInput): SQL {
  const list = (ids: string[]) =>
    sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
  const sites = input.siteIds?.length
    ? sql` and (site_id is null or site_id in (${list(input.siteIds)}))`
    : sql``;
  const systems = input.systemIds?.length ? sql` and system_id in (${list(input.systemIds)})` : sql``;
  return sql`${sites}${systems}`;
}

type RunRow = {
  system_id: string;
  site_id: string | null;
  /** A stored row: one report, or a run of repeated heartbeats from `at` to `last_at`. */
  at: number;
  last_at: number;
  max_gap_ms: number;
  status: 'up' | 'degraded' | 'down';
  source: 'heartbeat' | 'probe' | 'manual';
};

/**
 * Status intervals and availability per system and site over a range. Repeated heartbeats are stored as
 * runs (see ingest/status-runs.ts): the rows that reach into the range, plus each stream's last row
 * before it, become the reports the intervals are folded from (see runReports).
 */
export async function getAvailability(
  db: Db,
  input: AvailabilityInput,
  options: { heartbeatTimeoutS: number },
  now = Date.now(),
): Promise<AvailabilityResult> {
  const { from, to } = resolveRange(input, now);
  const timeoutMs = options.heartbeatTimeoutS * 1000;
  const pairs = (await currentSystemStates(db, Math.min(now, to), timeoutMs)).filter(
    (p) =>
      (!input.systemIds || input.systemIds.includes(p.systemId)) &&
      // A national row applies to every site, so it is kept when filtering by site.
      (!input.siteIds || p.siteId === null || input.siteIds.includes(p.siteId)),
  );
  const reports = await rowsOf<RunRow>(
    db,
    sql`select system_id, site_id, status, source, (extract(epoch from at) * 1000)::float8 as at,
          (extract(epoch from last_seen_at) * 1000)::float8 as last_at, max_gap_ms
        from system_status
        where last_seen_at >= ${iso(from)}::timestamptz and at < ${iso(to)}::timestamptz${reportFilter(input)}
        union all
        select b.system_id, b.site_id, b.status, b.source, (extract(epoch from b.at) * 1000)::float8,
          (extract(epoch from b.last_seen_at) * 1000)::float8, b.max_gap_ms
        from (${STATUS_PAIRS}) p
        cross join lateral (
          select system_id, site_id, at, last_seen_at, max_gap_ms, status, source from system_status r
          where r.system_id = p.system_id and coalesce(r.site_id, '') = coalesce(p.site_id, '')
            and r.last_seen_at < ${iso(from)}::timestamptz
          order by last_seen_at desc limit 1
        ) b`,
  );
  const maintenance = await maintenanceIndex(db);
  const byPair = groupBy(reports, (r) => `${r.system_id}|${r.site_id ?? ''}`);
  const rows = pairs.map((pair): AvailabilityRow => {
    const own = byPair.get(`${pair.systemId}|${pair.siteId ?? ''}`) ?? [];
    const streamHoldMs = holdMs(pair.expected);
    const runs = own.map((r) => ({
      at: Number(r.at),
      lastAt: Number(r.last_at),
      maxGapMs: Number(r.max_gap_ms),
      status: r.status,
      source: r.source,
    }));
    const statusReports = runReports(runs, streamHoldMs);
    const intervals = statusIntervals(statusReports, { from, to }, { heartbeatTimeoutMs: timeoutMs });
    const totals = availability(intervals);
    const lastInterval = intervals[intervals.length - 1];
    // Planned maintenance, reported apart: availability above is unchanged; these say how much was planned.
    const planned = maintenanceIntervals(maintenance(pair.systemId, pair.siteId), { from, to });
    const share = maintenanceShare(intervals, planned);
    return {
      systemId: pair.systemId,
      name: pair.name,
      siteId: pair.siteId,
      availabilityPct: totals.availabilityPct,
      downMs: totals.downMs,
      degradedMs: totals.degradedMs,
      unknownMs: totals.unknownMs,
      current: pair.status,
      // For an up system, the start of its last up interval in the range (or the range start).
      since: pair.since ?? (lastInterval?.status === pair.status ? iso(lastInterval.from) : null),
      lastReportAt: pair.lastReportAt,
      expectedEveryS: pair.expected.periodS,
      graceS: pair.expected.graceS,
      intervals: intervals.map((i) => ({ from: iso(i.from), to: iso(i.to), status: i.status })),
      maintenanceMs: share.maintenanceMs,
      plannedDownMs: share.plannedDownMs,
      unplannedDownMs: share.unplannedDownMs,
      maintenance: planned.map((m) => ({ from: iso(m.from), to: iso(m.to) })),
    };
  });
  return { from: iso(from), to: iso(to), heartbeatTimeoutS: options.heartbeatTimeoutS, rows };
}
