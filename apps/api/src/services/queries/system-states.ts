import type { SystemState } from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import { rowsOf } from '@switchboard/db';
import { reportHoldsMs } from '@switchboard/metrics';
import { sql } from 'drizzle-orm';
import { type Expectation, expectationOf, holdMs, loadExpectations } from './expectations.ts';

export interface CurrentState {
  systemId: string;
  name: string;
  siteId: string | null;
  status: SystemState;
  /** When the current state began, ISO, for states other than up (null for up, and if never reported). */
  since: string | null;
  /** When the stream last reported (ISO), null if never. */
  lastReportAt: string | null;
  /** How often the stream is expected to report, and the grace after it (see expectations.ts). */
  expected: Expectation;
}

/**
 * Every (system, site) whose status is tracked: each site's dependencies, plus a national row (site null)
 * for each system with any national report. Index lookups only, never a scan of the reports.
 */
export const STATUS_PAIRS = sql`select l.system_id, l.site_id from site_systems l
  union all
  select s.id, null::text from systems s
  where exists (select 1 from system_status r where r.system_id = s.id and r.site_id is null)`;

type Latest = {
  system_id: string;
  name: string;
  site_id: string | null;
  status: 'up' | 'degraded' | 'down' | null;
  source: 'heartbeat' | 'probe' | 'manual' | null;
  at: number | null;
  since: number | null;
};

/**
 * The current state of every (system, site) a site depends on, plus national rows where any national
 * report exists: the latest report while it holds (see reportHoldsMs), else unknown. One index lookup
 * per pair, so it stays fast however many heartbeats are stored.
 */
export async function currentSystemStates(
  db: Db,
  now: number,
  heartbeatTimeoutMs: number,
): Promise<CurrentState[]> {
  const expectations = await loadExpectations(db, heartbeatTimeoutMs);
  const rows = await rowsOf<Latest>(
    db,
    sql`with pairs as (${STATUS_PAIRS})
        select p.system_id, s.name, p.site_id, latest.status, latest.source,
          (extract(epoch from latest.at) * 1000)::float8 as at,
          -- Since when: the first report after the last one of another status. Only looked up for systems
          -- not up (the ones shown as such), as an up system's runs could go back weeks.
          case when latest.status <> 'up' then (extract(epoch from (
            select min(f.at) from system_status f
            where f.system_id = p.system_id and coalesce(f.site_id, '') = coalesce(p.site_id, '')
              and f.at <= latest.at
              and f.at > coalesce((
                select max(d.last_seen_at) from system_status d
                where d.system_id = p.system_id and coalesce(d.site_id, '') = coalesce(p.site_id, '')
                  and d.status <> latest.status and d.last_seen_at < latest.at), '-infinity')
          )) * 1000)::float8 end as since
        from pairs p
        join systems s on s.id = p.system_id
        left join lateral (
          -- The stream's last report at or before now: the end of its latest run (a run that goes on past
          -- now, in a question about the past, is taken as last seen at now).
          select status, source, least(last_seen_at, ${new Date(now).toISOString()}::timestamptz) as at
          from system_status r
          where r.system_id = p.system_id and coalesce(r.site_id, '') = coalesce(p.site_id, '')
            and r.at <= ${new Date(now).toISOString()}::timestamptz
          order by last_seen_at desc, r.at desc limit 1
        ) latest on true
        order by p.system_id, p.site_id`,
  );
  return rows.map((row): CurrentState => {
    const expected = expectationOf(expectations, row.system_id, row.site_id, heartbeatTimeoutMs);
    const base = { systemId: row.system_id, name: row.name, siteId: row.site_id, expected };
    if (row.status === null || row.source === null || row.at === null) {
      return { ...base, status: 'unknown', since: null, lastReportAt: null };
    }
    const lastReportAt = new Date(Number(row.at)).toISOString();
    const holdsUntil = Number(row.at) + reportHoldsMs(row.status, row.source, holdMs(expected));
    if (holdsUntil <= now) {
      return { ...base, status: 'unknown', since: new Date(holdsUntil).toISOString(), lastReportAt };
    }
    return {
      ...base,
      status: row.status,
      since: row.since === null ? null : new Date(Number(row.since)).toISOString(),
      lastReportAt,
    };
  });
}
