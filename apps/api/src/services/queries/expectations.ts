import type { Db } from '@switchboard/db';
import { rowsOf } from '@switchboard/db';
import { sql } from 'drizzle-orm';

/** How often a (system, site) stream is expected to report, and the grace after that, in seconds. */
export interface Expectation {
  periodS: number;
  graceS: number;
  /** `set`: an admin set it; `default`: HEARTBEAT_TIMEOUT_S (or longer, for a stream a slower probe feeds). */
  origin: 'set' | 'default';
}

/** The key of a stream: system and site ('' for national). */
export const streamKey = (systemId: string, siteId: string | null) => `${systemId}|${siteId ?? ''}`;

/**
 * THE rule for how long an up or degraded report holds, per stream: an admin's expectation (period +
 * grace), else the heartbeat timeout — lengthened for a stream fed by probes that run less often than that
 * (their interval, plus the time a run may take with its retries, plus 5 s), so a slow probe's result does
 * not turn `unknown` between runs. Past the hold, the stream's status is `unknown`.
 */
export function expectationOf(
  expectations: ReadonlyMap<string, Expectation>,
  systemId: string,
  siteId: string | null,
  heartbeatTimeoutMs: number,
): Expectation {
  return (
    expectations.get(streamKey(systemId, siteId)) ?? {
      periodS: heartbeatTimeoutMs / 1000,
      graceS: 0,
      origin: 'default',
    }
  );
}

/** The hold of a stream's up or degraded report, in ms (see expectationOf). */
export const holdMs = (e: Expectation) => (e.periodS + e.graceS) * 1000;

type Row = {
  system_id: string;
  site_id: string | null;
  period_s: number;
  grace_s: number;
  origin: 'set' | 'default';
};

/**
 * Every stream with its own expectation: the ones an admin set, and the ones probes feed more slowly than
 * the heartbeat timeout. Bounded by the number of probes and streams (a few thousand at most).
 */
export async function loadExpectations(
  db: Db,
  heartbeatTimeoutMs: number,
): Promise<Map<string, Expectation>> {
  const timeoutS = heartbeatTimeoutMs / 1000;
  const rows = await rowsOf<Row>(
    db,
    sql`select system_id, site_id, period_s, grace_s, 'set' as origin from heartbeat_expectations
      union all
      select p.system_id, p.site_id, max(p.interval_s) as period_s,
        max(ceil(p.timeout_ms * (p.retries + 1) / 1000.0))::int + 5 as grace_s, 'default' as origin
      from probes p
      where p.enabled and not exists (
        select 1 from heartbeat_expectations e
        where e.system_id = p.system_id and e.site_id is not distinct from p.site_id)
      group by p.system_id, p.site_id
      having max(p.interval_s) + max(ceil(p.timeout_ms * (p.retries + 1) / 1000.0))::int + 5 > ${timeoutS}
      limit 20000`,
  );
  return new Map(
    rows.map((r) => [
      streamKey(r.system_id, r.site_id),
      { periodS: Number(r.period_s), graceS: Number(r.grace_s), origin: r.origin },
    ]),
  );
}
