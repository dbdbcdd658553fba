import type { AvailabilityInput, AvailabilityResult, AvailabilityRow } from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import { rowsOf } from '@switchboard/db';
import {
  availability,
  maintenanceIntervals,
  maintenanceShare,
  reportHoldsMs,
  type StatusReport,
  statusIntervals,
} from '@switchboard/metrics';
import { type SQL, sql } from 'drizzle-orm';
import { maintenanceIndex } from '../alerts/maintenance.ts';
import { groupBy } from './call-counts.ts';
import { holdMs } from './expectations.ts';
import { iso, resolveRange } from './range.ts';
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

type ReportRow = {
  system_id: string;
  site_id: string | null;
  /** First and last report of a run of the same status and source with no silence over the timeout. */
  at: number;
  last_at: number;
  status: 'up' | 'degraded' | 'down';
  source: 'heartbeat' | 'probe' | 'manual';
};

/**
 * Status intervals and availability per system and site over a range. Heartbeats arrive every few
 * seconds, so the database folds them into runs (same status and source, no silence longer than the
 * heartbeat timeout) and returns one row per run, plus the last report before the range.
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
  // Each stream's reports fold into runs split by a silence longer than that stream's hold.
  const holds = pairs.filter((p) => holdMs(p.expected) !== timeoutMs);
  const holdValues = holds.length
    ? sql.join(
        holds.map((p) => sql`(${p.systemId}::text, ${p.siteId ?? ''}::text, ${holdMs(p.expected)}::float8)`),
        sql`, `,
      )
    : sql`(null::text, null::text, null::float8)`;
  const reports = await rowsOf<ReportRow>(
    db,
    sql`with holds(hold_system, hold_site, hold_ms) as (values ${holdValues}),
        ranged as (
          select r.system_id, r.site_id, r.at, r.status, r.source,
            case when lag(r.status) over w is distinct from r.status or lag(r.source) over w is distinct from r.source
              or r.at - lag(r.at) over w > make_interval(secs => coalesce(h.hold_ms, ${timeoutMs}::float8) / 1000.0)
              then 1 else 0 end as starts_run
          from system_status r
          left join holds h on h.hold_system = r.system_id and h.hold_site = coalesce(r.site_id, '')
          where at >= ${iso(from)}::timestamptz and at < ${iso(to)}::timestamptz${reportFilter(input)}
          window w as (partition by r.system_id, r.site_id order by r.at)
        ), runs as (
          select *, sum(starts_run) over (partition by system_id, site_id order by at) as run from ranged
        )
        select system_id, site_id, status, source, (extract(epoch from min(at)) * 1000)::float8 as at,
          (extract(epoch from max(at)) * 1000)::float8 as last_at
        from runs group by system_id, site_id, run, status, source
        union all
        select b.system_id, b.site_id, b.status, b.source, (extract(epoch from b.at) * 1000)::float8,
          (extract(epoch from b.at) * 1000)::float8
        from (${STATUS_PAIRS}) p
        cross join lateral (
          select system_id, site_id, at, status, source from system_status r
          where r.system_id = p.system_id and coalesce(r.site_id, '') = coalesce(p.site_id, '') and r.at < ${iso(from)}::timestamptz
          order by at desc limit 1
        ) b`,
  );
  const maintenance = await maintenanceIndex(db);
  const byPair = groupBy(reports, (r) => `${r.system_id}|${r.site_id ?? ''}`);
  const rows = pairs.map((pair): AvailabilityRow => {
    const own = byPair.get(`${pair.systemId}|${pair.siteId ?? ''}`) ?? [];
    const streamHoldMs = holdMs(pair.expected);
    const statusReports: StatusReport[] = own.map((r) => ({
      at: Number(r.at),
      status: r.status,
      // A run holds from its first report until its last report's hold runs out.
      holdsMs: Number(r.last_at) - Number(r.at) + reportHoldsMs(r.status, r.source, streamHoldMs),
    }));
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
