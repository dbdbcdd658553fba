import { callMinuteRollups, type Db, queueMinuteRollups, rowsOf } from '@switchboard/db';
import { type SQL, sql } from 'drizzle-orm';
import { epochMs, levelFor, sitesFilter } from '../services/queries/levels.ts';

const minutes = levelFor('1m');

/** Buckets the coverage is counted in: the series intervals and calendar months (both London). */
export type CoverageBucket = '1m' | '5m' | '15m' | '1h' | '1d' | 'month';

const ORIGIN = `timestamptz '2000-01-01T00:00:00Z'`;
const LONDON = `'Europe/London'`;
const BUCKET: Record<CoverageBucket, string> = {
  '1m': 'minute',
  '5m': `date_bin('5 minutes', minute, ${ORIGIN})`,
  '15m': `date_bin('15 minutes', minute, ${ORIGIN})`,
  '1h': `date_trunc('hour', minute, 'UTC')`,
  '1d': `((minute at time zone ${LONDON})::date::timestamp at time zone ${LONDON})`,
  month: `(date_trunc('month', minute at time zone ${LONDON}) at time zone ${LONDON})`,
};

/**
 * How many (site, minute) pairs in [from, to) had data — a call offered or a queue snapshot, the same test
 * `metrics.series` uses for a gap — per bucket start (epoch ms), or per bucket start and site. A bucket is
 * complete when this equals its minutes × its sites.
 */
export async function minutesWithData(
  db: Db,
  siteIds: readonly string[],
  from: number,
  to: number,
  bucket: CoverageBucket,
  bySite: boolean,
): Promise<Map<string, number>> {
  const range = (table: typeof callMinuteRollups | typeof queueMinuteRollups): SQL =>
    sql`select ${table.siteId} as site_id, ${table.minute} as minute from ${table}
        where ${minutes.inRange(table.minute, from, to)}${sitesFilter(table.siteId, siteIds)}`;
  const site = bySite ? sql`, site_id` : sql``;
  const rows = await rowsOf<{ t: number; site_id?: string; n: number }>(
    db,
    sql`select ${epochMs(sql`b`)} as t${site}, n from (
          select ${sql.raw(BUCKET[bucket])} as b${site}, count(*)::int as n
          from (${range(callMinuteRollups)} union ${range(queueMinuteRollups)}) m group by 1${site}
        ) per_bucket`,
  );
  return new Map(
    rows.map((row) => [coverageKey(Number(row.t), bySite ? row.site_id : undefined), Number(row.n)]),
  );
}

export const coverageKey = (start: number, siteId?: string) =>
  siteId === undefined ? String(start) : `${start}|${siteId}`;
