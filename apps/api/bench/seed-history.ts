import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallEvent } from '@switchboard/contracts';
import { type Database, MIGRATIONS_FOLDER } from '@switchboard/db';
import { sql } from 'drizzle-orm';

const DAY = 86_400_000;

/**
 * A year of minute rollups (calls, answer-time bins, queue) for every site, set-based in SQL, ending
 * where the raw week begins; hour and London-day rollups derived from them as ingestion would keep them.
 */
export async function seedRollupYear(database: Database, rawFrom: Date): Promise<void> {
  const end = rawFrom.toISOString();
  await database.db.transaction(async (tx) => {
    const run = (q: string) => tx.execute(sql.raw(q));
    await run('set local synchronous_commit = off');
    await run(`insert into call_minute_rollups (site_id, queue, minute, offered, answered, answered_within_60s,
      abandoned, abandoned_after_30s, answer_ms_sum, answer_bins, answer_bin_calls)
    select s.id, 'main', m, o, o - ab, o - ab - slow, ab, ab / 2, (o - ab) * 22000 + slow * 50000,
      case when o > ab then array[least(((o - ab) * 22000 + slow * 50000) / (o - ab) / 1000, 600)::smallint] else '{}' end,
      case when o > ab then array[o - ab] else '{}' end
    from sites s
    cross join generate_series(timestamptz '${end}' - interval '365 days', timestamptz '${end}' - interval '1 minute', interval '1 minute') m
    cross join lateral (select 1 + (extract(hour from m) between 8 and 22)::int + (random() * 2)::int as o) x
    cross join lateral (select (random() < 0.04)::int as ab, (random() < 0.1)::int as slow) y
    order by m, s.id`);
    await run(`insert into queue_minute_rollups (site_id, queue, minute, samples, waiting_sum, waiting_max,
      longest_wait_max_ms, agents_available_sum)
    select site_id, queue, minute, 4, offered * 4, offered + 1, 20000 * offered, 12 from call_minute_rollups`);
    const counts = `sum(offered), sum(answered), sum(answered_within_60s), sum(abandoned), sum(abandoned_after_30s), sum(answer_ms_sum)`;
    const cols = 'offered, answered, answered_within_60s, abandoned, abandoned_after_30s, answer_ms_sum';
    const day = `(minute at time zone 'Europe/London')::date`;
    await run(`insert into call_hour_rollups (site_id, hour, ${cols})
    select site_id, date_trunc('hour', minute, 'UTC'), ${counts} from call_minute_rollups group by 1, 2`);
    await run(`insert into call_day_rollups (site_id, day, ${cols})
    select site_id, ${day}, ${counts} from call_minute_rollups group by 1, 2`);
    const minuteBins = `minute_bins as (select site_id, minute, bin, calls from call_minute_rollups
      cross join lateral unnest(answer_bins, answer_bin_calls) as packed(bin, calls))`;
    await run(`with ${minuteBins} insert into call_hour_answer_bins (site_id, hour, bin, calls)
    select site_id, date_trunc('hour', minute, 'UTC'), bin, sum(calls) from minute_bins group by 1, 2, 3`);
    await run(`with ${minuteBins} insert into call_day_answer_bins (site_id, day, bin, calls)
    select site_id, ${day}, bin, sum(calls) from minute_bins group by 1, 2, 3`);
    const stats =
      'sum(samples), sum(waiting_sum), max(waiting_max), max(longest_wait_max_ms), sum(agents_available_sum)';
    const qcols = 'samples, waiting_sum, waiting_max, longest_wait_max_ms, agents_available_sum';
    await run(`insert into queue_hour_rollups (site_id, queue, hour, ${qcols})
    select site_id, queue, date_trunc('hour', minute, 'UTC'), ${stats} from queue_minute_rollups group by 1, 2, 3`);
    await run(`insert into queue_day_rollups (site_id, queue, day, ${qcols})
    select site_id, queue, ${day}, ${stats} from queue_minute_rollups group by 1, 2, 3`);
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
export async function seedQueueWeek(database: Database, rawFrom: Date): Promise<void> {
  await database.db.execute(
    sql.raw(`insert into queue_minute_rollups (site_id, queue, minute, samples, waiting_sum, waiting_max,
      longest_wait_max_ms, agents_available_sum)
    select site_id, queue, minute, 4, offered * 4, offered + 1, 20000 * offered, 12 from call_minute_rollups
    where minute >= '${rawFrom.toISOString()}' on conflict do nothing`),
  );
}

/**
 * Five-minute rollups for whatever was seeded straight into the minute rollups, with the very SQL of the
 * migration that did the same for databases older than the five-minute level (rows already there stay).
 * That migration read the minute bin table, which migration 0018 packed into the minute rows: here the
 * packed arrays are unnested in its place.
 */
export async function seedFiveMinuteRollups(database: Database): Promise<void> {
  const file = readdirSync(MIGRATIONS_FOLDER).find((name) =>
    name.includes('five_minute_rollups_from_minutes'),
  );
  if (!file) throw new Error('five-minute backfill migration not found');
  const minuteBins = `(select minute, site_id, queue, bin, calls from call_minute_rollups
    cross join lateral unnest(answer_bins, answer_bin_calls) as packed(bin, calls)) as minute_bins`;
  const statements = readFileSync(join(MIGRATIONS_FOLDER, file), 'utf8')
    .replace('"call_minute_answer_bins"', minuteBins)
    .split('--> statement-breakpoint');
  for (const statement of statements) await database.db.execute(sql.raw(statement));
}
