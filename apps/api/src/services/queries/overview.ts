import type { Overview, OverviewSite } from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import { rowsOf } from '@switchboard/db';
import { computeMeasures, emptyCounts } from '@switchboard/metrics';
import { sql } from 'drizzle-orm';
import { toWindowMeasures } from './call-counts.ts';
import { levelFor } from './levels.ts';
import { iso } from './range.ts';
import { readCallCounts } from './rollup-reads.ts';
import { currentSystemStates } from './system-states.ts';

export interface OverviewOptions {
  staleAfterS: number;
  heartbeatTimeoutS: number;
}

const MINUTE = 60_000;
/** Queue snapshots older than this are not "now" any more. */
const SNAPSHOT_HORIZON_MS = 15 * MINUTE;

/** Every site now: queue state, the last 60 minutes' measures, feed freshness and systems not up. */
export async function getOverview(db: Db, options: OverviewOptions, now = Date.now()): Promise<Overview> {
  // The last 60 whole minutes including the current one: [minute(now) − 59 min, minute(now) + 1 min).
  const windowTo = Math.floor(now / MINUTE) * MINUTE + MINUTE;
  const windowFrom = windowTo - 60 * MINUTE;
  const [sites, callsBySite, queues, states] = await Promise.all([
    rowsOf<{ id: string; name: string; last_call: number | null; last_snapshot: number | null }>(
      db,
      sql`select s.id, s.name,
            (extract(epoch from (select max(at) from call_events e where e.site_id = s.id)) * 1000)::float8 as last_call,
            (extract(epoch from (select max(at) from queue_snapshots q where q.site_id = s.id)) * 1000)::float8 as last_snapshot
          from sites s order by s.name`,
    ),
    readCallCounts(db, levelFor('1m'), { from: windowFrom, to: windowTo, siteIds: [] }, 'site'),
    rowsOf<{ site_id: string; waiting: number; longest: number; agents: number; at: number }>(
      db,
      sql`select site_id, sum(calls_waiting)::int as waiting, max(longest_wait_ms)::int as longest,
            sum(agents_available)::int as agents, (extract(epoch from max(at)) * 1000)::float8 as at
          from sites s cross join lateral (
                select distinct on (q.queue) q.site_id, q.queue, q.at, q.calls_waiting, q.longest_wait_ms,
                  q.agents_available
                from queue_snapshots q
                where q.site_id = s.id and q.at > ${iso(now - SNAPSHOT_HORIZON_MS)}::timestamptz
                order by q.queue, q.at desc) latest
          group by site_id`,
    ),
    currentSystemStates(db, now, options.heartbeatTimeoutS * 1000),
  ]);

  const queueBySite = new Map(queues.map((row) => [row.site_id, row]));
  const national = states.filter((s) => s.siteId === null && s.status !== 'up');

  return {
    asOf: iso(now),
    staleAfterS: options.staleAfterS,
    sites: sites.map((site): OverviewSite => {
      const last = Math.max(
        Number(site.last_call ?? Number.NEGATIVE_INFINITY),
        Number(site.last_snapshot ?? Number.NEGATIVE_INFINITY),
      );
      const lastEventAt = Number.isFinite(last) ? last : null;
      const queue = queueBySite.get(site.id);
      // Calls with no rollup rows count as none only if the feed was alive during the window.
      const alive = lastEventAt !== null && lastEventAt >= windowFrom;
      const measures = computeMeasures(callsBySite.get(site.id) ?? (alive ? emptyCounts() : null));
      const last60m = { ...toWindowMeasures(measures), from: iso(windowFrom), to: iso(windowTo) };
      return {
        siteId: site.id,
        name: site.name,
        lastEventAt: lastEventAt === null ? null : iso(lastEventAt),
        stale: lastEventAt === null || now - lastEventAt > options.staleAfterS * 1000,
        callsWaiting: queue ? Number(queue.waiting) : null,
        longestWaitMs: queue ? Number(queue.longest) : null,
        agentsAvailable: queue ? Number(queue.agents) : null,
        snapshotAt: queue ? iso(Number(queue.at)) : null,
        last60m,
        systemsDown: [...states.filter((s) => s.siteId === site.id && s.status !== 'up'), ...national]
          .filter((s) => s.since !== null || s.status !== 'unknown')
          .map((s) => ({ systemId: s.systemId, name: s.name, status: s.status, since: s.since })),
      };
    }),
  };
}
