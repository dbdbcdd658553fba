import type { CallEvent } from '@switchboard/contracts';
import type { Database } from '@switchboard/db';
import { sql } from 'drizzle-orm';

const DAY = 86_400_000;

const FIVE = (column: string) => `date_bin('5 minutes', ${column}, timestamptz '2000-01-01T00:00:00Z')`;
const HOUR = `date_trunc('hour', minute, 'UTC')`;
const LONDON_DAY = `(minute at time zone 'Europe/London')::date`;
const COUNTS = 'offered, answered, answered_within_60s, abandoned, abandoned_after_30s, answer_ms_sum';
const QUEUE_STATS = 'samples, waiting_sum, waiting_max, longest_wait_max_ms, agents_available_sum';
const SUM_QUEUE_STATS =
  'sum(samples)::int, sum(waiting_sum)::int, max(waiting_max), max(longest_wait_max_ms), sum(agents_available_sum)::int';

/** Call rollups of a coarser level from the minute rollups before `end`, histograms merged. */
const deriveCalls = (table: string, column: string, bucket: string, end: string) => `
  insert into ${table} (${column}, site_id, ${COUNTS}, answer_bins, answer_bin_calls)
  select counted.*, coalesce(packed.bins, '{}'), coalesce(packed.calls, '{}')
  from (select ${bucket} as b, site_id, sum(offered)::int, sum(answered)::int, sum(answered_within_60s)::int,
          sum(abandoned)::int, sum(abandoned_after_30s)::int, sum(answer_ms_sum)::bigint
        from call_minute_rollups where minute < '${end}' group by 1, 2) counted
  left join (
    select b, site_id, array_agg(bin order by bin) as bins, array_agg(calls order by bin) as calls
    from (select ${bucket} as b, site_id, u.bin, sum(u.calls)::int as calls
          from call_minute_rollups, unnest(answer_bins, answer_bin_calls) as u(bin, calls)
          where minute < '${end}' group by 1, 2, 3) per_bin
    group by 1, 2
  ) packed using (b, site_id)
  order by 1, 2`;

/** Queue rollups of a coarser level from the minute rollups in [from, end). */
const deriveQueue = (table: string, column: string, bucket: string, from: string, end: string) => `
  insert into ${table} (${column}, site_id, queue, ${QUEUE_STATS})
  select ${bucket}, site_id, queue, ${SUM_QUEUE_STATS} from queue_minute_rollups
  where minute >= '${from}' and minute < '${end}' group by 1, 2, 3 order by 1, 2, 3`;

/**
 * A year of minute rollups (calls with their answer-time histogram, queue) for every site, set-based in
 * SQL, ending where the raw week begins; five-minute, hour and London-day rollups derived from them as
 * ingestion would keep them.
 */
export async function seedRollupYear(database: Database, rawFrom: Date): Promise<void> {
  const end = rawFrom.toISOString();
  const start = new Date(rawFrom.getTime() - 365 * DAY).toISOString();
  await database.db.transaction(async (tx) => {
    const run = (q: string) => tx.execute(sql.raw(q));
    await run('set local synchronous_commit = off');
    await run(`insert into call_minute_rollups (minute, site_id, queue, ${COUNTS}, answer_bins, answer_bin_calls)
    select m, id, 'main', o, o - ab, o - ab - slow, ab, ab / 2, ms,
      case when o > ab then array[least(ms / (o - ab) / 1000, 600)::smallint] else '{}' end,
      case when o > ab then array[o - ab] else '{}' end
    from (
      select m, s.id, o, ab, slow, (o - ab) * 22000 + slow * 50000 as ms
      from generate_series(timestamptz '${start}', timestamptz '${end}' - interval '1 minute', interval '1 minute') m
      cross join sites s
      cross join lateral (select 1 + (extract(hour from m) between 8 and 22)::int + (random() * 2)::int as o) x
      cross join lateral (select (random() < 0.04)::int as ab, (random() < 0.1)::int as slow) y
    ) minutes
    order by m, id`);
    await run(`insert into queue_minute_rollups (minute, site_id, queue, ${QUEUE_STATS})
    select minute, site_id, queue, 4, offered * 4, offered + 1, 20000 * offered, 12 from call_minute_rollups
    order by 1, 2, 3`);
    await run(deriveCalls('call_5min_rollups', 'bucket', FIVE('minute'), end));
    await run(deriveCalls('call_hour_rollups', 'hour', HOUR, end));
    await run(deriveCalls('call_day_rollups', 'day', LONDON_DAY, end));
    await run(deriveQueue('queue_5min_rollups', 'bucket', FIVE('minute'), start, end));
    await run(deriveQueue('queue_hour_rollups', 'hour', HOUR, start, end));
    await run(deriveQueue('queue_day_rollups', 'day', LONDON_DAY, start, end));
  });
}

/** A week of raw call events for the sites: each call offered, then answered or abandoned after its wait. */
export function* rawWeek(siteIds: string[], from: number, callsPerSiteDay: number): Generator<CallEvent[]> {
  const calls = Math.round((7 * DAY * callsPerSiteDay) / DAY);
  const spacing = (7 * DAY) / calls;
  let batch: CallEvent[] = [];
  for (let i = 0; i < calls; i++) {
    for (const siteId of siteIds) {
      const offered = from + i * spacing + ((i * 7919) % 1000);
      const waitMs = (i * 104_729 + siteId.length * 31) % 150_000;
      const callId = `w${i}`;
      const kind = i % 23 === 0 ? 'abandoned' : 'answered';
      batch.push({ siteId, callId, kind: 'offered', at: new Date(offered).toISOString(), queue: 'main' });
      batch.push({
        siteId,
        callId,
        kind,
        at: new Date(offered + waitMs).toISOString(),
        waitMs,
        queue: 'main',
      });
      if (batch.length >= 5_000) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/** Queue rollups for the raw week (four 15-second snapshots a minute), as the ACD feed would have made them. */
export async function seedQueueWeek(database: Database, rawFrom: Date, rawTo: Date): Promise<void> {
  const [from, to] = [rawFrom.toISOString(), rawTo.toISOString()];
  await database.db.execute(
    sql.raw(`insert into queue_minute_rollups (minute, site_id, queue, ${QUEUE_STATS})
    select minute, site_id, queue, 4, offered * 4, offered + 1, 20000 * offered, 12 from call_minute_rollups
    where minute >= '${from}' order by 1, 2, 3 on conflict do nothing`),
  );
  await database.db.execute(
    sql.raw(
      `${deriveQueue('queue_5min_rollups', 'bucket', FIVE('minute'), from, to)} on conflict do nothing`,
    ),
  );
}
