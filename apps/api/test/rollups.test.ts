import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallEvent } from '@switchboard/contracts';
import { MIGRATIONS_FOLDER } from '@switchboard/db';
import { createTestDb, type TestDatabase, testBackends } from '@switchboard/db/testing';
import {
  type CallCounts,
  countsFromEvents,
  emptyCounts,
  localDateString,
  mergeCounts,
} from '@switchboard/metrics';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { ingestQueueSnapshots } from '../src/services/ingest/queue-snapshots.ts';
import { countsOf, type SummedRow } from '../src/services/queries/rollup-reads.ts';
import { ROLLUP_TABLES, rebuildRollups } from '../src/services/rollups/rebuild.ts';
import { addSite } from '../src/services/sites.ts';

const KEY = { id: 'test', feed: 'test', siteIds: ['*'] };
const SITES = ['leeds', 'york'];
// Offered instants from before the spring clock change to now, so London days of 23 and 25 hours occur.
const EARLIEST = Date.parse('2026-03-28T12:00:00Z');
const LATEST = Date.now() - 3_600_000;

/** A call: offered, then answered or abandoned after its wait (or neither, still queueing). */
const callArb = fc.record({
  siteId: fc.constantFrom(...SITES),
  queue: fc.constantFrom('main', 'clinical', undefined),
  offeredMs: fc.oneof(
    fc.integer({ min: EARLIEST, max: LATEST }),
    // Crowd some calls around the clock changes and a few minutes, so buckets collide.
    fc.integer({ min: Date.parse('2026-03-29T00:55:00Z'), max: Date.parse('2026-03-29T01:05:00Z') }),
    fc.integer({ min: Date.parse('2026-10-24T23:58:00Z'), max: Date.parse('2026-10-25T00:03:00Z') }),
  ),
  outcome: fc.constantFrom('answered', 'abandoned', 'none'),
  waitMs: fc.oneof(
    fc.integer({ min: 0, max: 120_000 }),
    fc.constantFrom(30_000, 30_001, 60_000, 60_001, 700_000),
  ),
});

type Call = typeof callArb extends fc.Arbitrary<infer T> ? T : never;

function eventsOf(calls: Call[], run: number): CallEvent[] {
  return calls.flatMap((call, i) => {
    const base = {
      siteId: call.siteId,
      callId: `r${run}-c${i}`,
      ...(call.queue ? { queue: call.queue } : {}),
    };
    const events: CallEvent[] = [{ ...base, kind: 'offered', at: new Date(call.offeredMs).toISOString() }];
    if (call.outcome !== 'none') {
      const at = new Date(call.offeredMs + call.waitMs).toISOString();
      events.push({ ...base, kind: call.outcome, at, waitMs: call.waitMs });
    }
    return events;
  });
}

/** A rollup row's counts as selected here, straight from the tables, into CallCounts (the read path's mapping). */
type CountsRow = Omit<SummedRow, 'k' | 'bins' | 'bin_calls'>;
const toCounts = (row: CountsRow, bins: { bin: number; calls: number }[] = []): CallCounts =>
  countsOf({ ...row, k: '', bins: bins.map((b) => b.bin), bin_calls: bins.map((b) => Number(b.calls)) });

const minuteKey = (r: { site_id: unknown; queue: unknown; minute: unknown }) =>
  `${r.site_id}|${r.queue}|${new Date(r.minute as string).toISOString()}`;

/** Minute rollups as CallCounts by site|queue|minute, their packed histograms unpacked (and checked sorted). */
async function minuteRollups(database: TestDatabase): Promise<Map<string, CallCounts>> {
  const rows = await database.rows<
    CountsRow & {
      site_id: string;
      queue: string;
      minute: string;
      answer_bins: number[];
      answer_bin_calls: number[];
    }
  >(
    sql`select site_id, queue, minute, offered, answered, answered_within_60s, abandoned, abandoned_after_30s,
      abandoned_after_60s, answer_ms_sum, answer_bins, answer_bin_calls from call_minute_rollups`,
  );
  return new Map(rows.map((r) => [minuteKey(r), toCounts(r, unpacked(r))]));
}

/** A row's packed histogram as (bin, calls) pairs, after checking its bins are strictly ascending. */
function unpacked(r: { answer_bins: number[]; answer_bin_calls: number[] }) {
  expect(r.answer_bins).toEqual([...new Set(r.answer_bins)].sort((a, b) => a - b));
  expect(r.answer_bin_calls).toHaveLength(r.answer_bins.length);
  return r.answer_bins.map((bin, i) => ({ bin, calls: Number(r.answer_bin_calls[i]) }));
}

/** Five-minute rollups as CallCounts by site|bucket, their packed histograms unpacked (and checked sorted). */
async function fiveMinuteRollups(database: TestDatabase): Promise<Map<string, CallCounts>> {
  const rows = await database.rows<
    CountsRow & { site_id: string; bucket: string; answer_bins: number[]; answer_bin_calls: number[] }
  >(sql`select site_id, bucket, offered, answered, answered_within_60s, abandoned, abandoned_after_30s,
    abandoned_after_60s, answer_ms_sum, answer_bins, answer_bin_calls from call_5min_rollups`);
  return new Map(
    rows.map((r) => [`${r.site_id}|${new Date(r.bucket).toISOString()}`, toCounts(r, unpacked(r))]),
  );
}

/** The statements of the migration that fills abandoned_after_60s in a database upgraded to it. */
const BACKFILL_60S = (() => {
  const file = readdirSync(MIGRATIONS_FOLDER).find((f) => f.endsWith('_abandoned_after_60s_backfill.sql'));
  if (!file) throw new Error('no abandoned_after_60s backfill migration');
  return readFileSync(join(MIGRATIONS_FOLDER, file), 'utf8').split('--> statement-breakpoint');
})();

const snapshotAll = async (database: TestDatabase) => {
  const out: Record<string, unknown[]> = {};
  for (const table of ROLLUP_TABLES) {
    out[table] = await database.rows(sql.raw(`select * from ${table} order by 1, 2, 3, 4`));
  }
  return out;
};

describe.each(testBackends())('call rollups on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDb(backend);
    for (const id of SITES) await addSite(database.db, { id, name: id, actor: 'test' });
  });
  afterAll(() => database?.destroy());

  it('equal a brute-force count of the raw events, whatever the order, duplication and batching', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(callArb, { minLength: 1, maxLength: 80 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 60 }),
        async (calls, seeds, batchSize) => {
          run++;
          await database.db.execute(sql.raw(`truncate call_events, ${ROLLUP_TABLES.join(', ')}`));
          const events = eventsOf(calls, run);
          // Shuffle, and send some events again (a retried or overlapping batch).
          const sent = [...events, ...seeds.map((s) => events[s % events.length] as CallEvent)];
          for (let i = sent.length - 1; i > 0; i--) {
            const j = (seeds[i % seeds.length] ?? 0) % (i + 1);
            [sent[i], sent[j]] = [sent[j] as CallEvent, sent[i] as CallEvent];
          }
          for (let i = 0; i < sent.length; i += batchSize) {
            await ingestCallEvents(database.db, KEY, sent.slice(i, i + batchSize));
          }
          const expected = countsFromEvents(events);
          const actual = await minuteRollups(database);
          expect(new Map([...actual].sort())).toEqual(new Map([...expected].sort()));

          // Hour and London-day rollups hold the same totals, by site and local date.
          const byDay = new Map<string, number>();
          for (const [key, counts] of expected) {
            const [site, , minute] = key.split('|');
            const dayKey = `${site}|${localDateString(Date.parse(minute ?? ''))}`;
            byDay.set(dayKey, (byDay.get(dayKey) ?? 0) + counts.offered + counts.answered + counts.abandoned);
          }
          const days = await database.rows<{ site_id: string; day: string; n: number }>(
            sql`select site_id, day::text as day, (offered + answered + abandoned)::int as n from call_day_rollups`,
          );
          expect(new Map(days.map((d) => [`${d.site_id}|${d.day}`, Number(d.n)]))).toEqual(byDay);
          const [hours] = await database.rows<{ n: number }>(
            sql`select coalesce(sum(offered + answered + abandoned), 0)::int as n from call_hour_rollups`,
          );
          expect(Number(hours?.n)).toBe([...byDay.values()].reduce((a, b) => a + b, 0));

          // Abandoned calls split at 30 and 60 s (IUC ADC B03, B04, B05) per site and London day, and per
          // site and hour, counted by hand from the calls' waits (not through the metrics package's rules).
          const splitByHand = (bucketOf: (ms: number) => string) => {
            const out = new Map<string, string>();
            const split = new Map<string, [number, number, number]>();
            for (const call of calls) {
              if (call.outcome !== 'abandoned') continue;
              const key = `${call.siteId}|${bucketOf(Math.floor(call.offeredMs / 60_000) * 60_000)}`;
              const s = split.get(key) ?? [0, 0, 0];
              s[call.waitMs <= 30_000 ? 0 : call.waitMs <= 60_000 ? 1 : 2] += 1;
              split.set(key, s);
            }
            for (const [key, s] of split) out.set(key, s.join(','));
            return out;
          };
          const splitOf = async (level: 'day' | 'hour') => {
            const rows = await database.rows<{ k: string; split: string }>(
              sql`select site_id || '|' || ${sql.raw(level === 'day' ? 'day::text' : `to_char(hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`)} as k,
                (abandoned - abandoned_after_30s) || ',' || (abandoned_after_30s - abandoned_after_60s) || ',' ||
                abandoned_after_60s as split
                from ${sql.raw(`call_${level}_rollups`)} where abandoned > 0`,
            );
            return new Map(rows.map((r) => [r.k, r.split]));
          };
          expect(await splitOf('day')).toEqual(splitByHand(localDateString));
          expect(await splitOf('hour')).toEqual(splitByHand((ms) => new Date(ms).toISOString().slice(0, 13)));

          // Five-minute rollups, histogram packed in the row, equal the same counts by site and 5 minutes.
          const byFive = new Map<string, CallCounts>();
          for (const [key, counts] of expected) {
            const [site, , minute] = key.split('|');
            const five = new Date(Math.floor(Date.parse(minute ?? '') / 300_000) * 300_000).toISOString();
            const k = `${site}|${five}`;
            byFive.set(k, mergeCounts(byFive.get(k) ?? emptyCounts(), counts));
          }
          expect(new Map([...(await fiveMinuteRollups(database))].sort())).toEqual(
            new Map([...byFive].sort()),
          );

          // Rebuilding from raw events gives exactly what ingestion kept incrementally.
          const incremental = await snapshotAll(database);
          await rebuildRollups(database.db);
          expect(await snapshotAll(database)).toEqual(incremental);

          // A database upgraded from before the 60 s split (every row 0) is filled by the migration exactly
          // as ingestion keeps it.
          for (const level of ['minute', '5min', 'hour', 'day'])
            await database.db.execute(sql.raw(`update call_${level}_rollups set abandoned_after_60s = 0`));
          for (const statement of BACKFILL_60S) await database.db.execute(sql.raw(statement));
          expect(await snapshotAll(database)).toEqual(incremental);
        },
      ),
      { numRuns: backend === 'pglite' ? 30 : 20 },
    );
  });

  it('rolls up queue snapshots, and a retry changes nothing', async () => {
    await database.db.execute(sql.raw(`truncate call_events, queue_snapshots, ${ROLLUP_TABLES.join(', ')}`));
    const at = (s: number) => new Date(Date.parse('2026-11-20T09:14:00Z') + s * 1000).toISOString();
    const snap = (s: number, waiting: number, longest: number, agents: number) => ({
      siteId: 'leeds',
      queue: 'main',
      at: at(s),
      callsWaiting: waiting,
      longestWaitMs: longest,
      agentsAvailable: agents,
      agentsOnCall: 10,
      agentsWrapUp: 1,
    });
    const batch = [
      snap(0, 4, 50_000, 2),
      snap(15, 9, 95_000, 0),
      snap(30, 2, 10_000, 3),
      snap(75, 1, 5_000, 5),
    ];
    await ingestQueueSnapshots(database.db, KEY, batch);
    await ingestQueueSnapshots(database.db, KEY, batch);
    // The sums are bigint: postgres.js hands raw bigints over as strings (the read path casts them).
    const rows = (
      await database.rows<Record<string, unknown>>(
        sql`select to_char(minute at time zone 'UTC', 'HH24:MI') as minute, samples, waiting_sum, waiting_max,
            longest_wait_max_ms, agents_available_sum from queue_minute_rollups order by minute`,
      )
    ).map((row) => ({
      ...row,
      samples: Number(row.samples),
      waiting_sum: Number(row.waiting_sum),
      agents_available_sum: Number(row.agents_available_sum),
    }));
    expect(rows).toEqual([
      {
        minute: '09:14',
        samples: 3,
        waiting_sum: 15,
        waiting_max: 9,
        longest_wait_max_ms: 95_000,
        agents_available_sum: 5,
      },
      {
        minute: '09:15',
        samples: 1,
        waiting_sum: 1,
        waiting_max: 1,
        longest_wait_max_ms: 5_000,
        agents_available_sum: 5,
      },
    ]);
    const incremental = await snapshotAll(database);
    await rebuildRollups(database.db);
    expect(await snapshotAll(database)).toEqual(incremental);
  });
});
