import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../src/client';

/** The migrations folder as it was up to and including migration `last` (journal cut there). */
function migrationsUpTo(last: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((entry) => entry.idx <= last);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe('upgrading a database that holds rollups', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('fills the five-minute level, histograms packed, from the minute rollups', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    const old = migrationsUpTo(4); // before the five-minute level
    dirs.push(old);
    await migrate(db, { migrationsFolder: old });
    await client.exec(`
      insert into call_minute_rollups (minute, site_id, queue, offered, answered, answered_within_60s, answer_ms_sum)
      values ('2026-11-20T09:01:00Z', 'leeds', 'main', 3, 3, 2, 95000),
             ('2026-11-20T09:03:00Z', 'leeds', 'main', 1, 1, 1, 20500),
             ('2026-11-20T09:03:00Z', 'leeds', 'clinical', 1, 0, 0, 0);
      insert into call_minute_answer_bins (minute, site_id, queue, bin, calls)
      values ('2026-11-20T09:01:00Z', 'leeds', 'main', 70, 1), ('2026-11-20T09:01:00Z', 'leeds', 'main', 12, 2),
             ('2026-11-20T09:03:00Z', 'leeds', 'main', 20, 1);
      insert into call_hour_rollups (hour, site_id, offered, answered, answered_within_60s, answer_ms_sum)
      values ('2026-11-20T09:00:00Z', 'leeds', 5, 4, 3, 115500);
      insert into call_hour_answer_bins (hour, site_id, bin, calls)
      values ('2026-11-20T09:00:00Z', 'leeds', 12, 2), ('2026-11-20T09:00:00Z', 'leeds', 20, 1),
             ('2026-11-20T09:00:00Z', 'leeds', 70, 1);
      insert into queue_minute_rollups (minute, site_id, queue, samples, waiting_sum, waiting_max,
        longest_wait_max_ms, agents_available_sum)
      values ('2026-11-20T09:01:00Z', 'leeds', 'main', 4, 8, 3, 40000, 6),
             ('2026-11-20T09:04:00Z', 'leeds', 'main', 4, 4, 5, 90000, 2);`);

    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const rows = async (query: string) => (await db.execute(sql.raw(query))).rows;
    expect(
      await rows(`select to_char(bucket at time zone 'UTC', 'HH24:MI') as b, offered, answered, answer_ms_sum,
        answer_bins, answer_bin_calls from call_5min_rollups`),
    ).toEqual([
      {
        b: '09:00',
        offered: 5,
        answered: 4,
        answer_ms_sum: 115500,
        answer_bins: [12, 20, 70],
        answer_bin_calls: [2, 1, 1],
      },
    ]);
    // 0018: the minute bins moved into the minute rows, ascending; a minute without answers has none.
    expect(
      await rows(`select to_char(minute at time zone 'UTC', 'HH24:MI') as m, queue, answer_bins, answer_bin_calls
        from call_minute_rollups order by 1, 2`),
    ).toEqual([
      { m: '09:01', queue: 'main', answer_bins: [12, 70], answer_bin_calls: [2, 1] },
      { m: '09:03', queue: 'clinical', answer_bins: [], answer_bin_calls: [] },
      { m: '09:03', queue: 'main', answer_bins: [20], answer_bin_calls: [1] },
    ]);
    expect(
      await rows('select samples, waiting_sum, waiting_max, longest_wait_max_ms from queue_5min_rollups'),
    ).toEqual([{ samples: 8, waiting_sum: 12, waiting_max: 5, longest_wait_max_ms: 90000 }]);
    await client.close();
  });

  it('fills abandoned after 60 s at every level from the stored call events', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    const old = migrationsUpTo(15); // before the 60 s split
    dirs.push(old);
    await migrate(db, { migrationsFolder: old });
    // Raw data pruned before 2 November: rollups before it can never have the split.
    await client.exec(`insert into retention_marks (name, before) values ('raw', '2026-11-02T00:00:00Z')`);
    // Abandoned calls as ingestion stored them (offered = at − wait_ms) and the rollups it kept: one on each
    // side of 60 s, one in another queue, one offered before London midnight and abandoned after it, one
    // after 30 s only, and a pruned day (rollups without events: nothing to fill it from).
    await client.exec(`
      insert into sites (id, name) values ('leeds', 'Leeds');
      insert into call_events (site_id, call_id, kind, at, wait_ms, queue) values
        ('leeds', 'c1', 'abandoned', timestamptz '2026-11-20T09:01:10Z' + interval '60001 ms', 60001, 'main'),
        ('leeds', 'c2', 'abandoned', timestamptz '2026-11-20T09:01:20Z' + interval '60000 ms', 60000, 'main'),
        ('leeds', 'c3', 'abandoned', timestamptz '2026-11-20T09:03:00Z' + interval '90000 ms', 90000, 'clinical'),
        ('leeds', 'c4', 'abandoned', timestamptz '2026-11-20T23:59:30Z' + interval '61000 ms', 61000, 'main'),
        ('leeds', 'c5', 'abandoned', timestamptz '2026-11-20T09:05:00Z' + interval '30001 ms', 30001, 'main');
      insert into call_minute_rollups (minute, site_id, queue, offered, abandoned, abandoned_after_30s) values
        ('2026-11-20T09:01:00Z', 'leeds', 'main', 2, 2, 2), ('2026-11-20T09:03:00Z', 'leeds', 'clinical', 1, 1, 1),
        ('2026-11-20T09:05:00Z', 'leeds', 'main', 1, 1, 1), ('2026-11-20T23:59:00Z', 'leeds', 'main', 1, 1, 1),
        ('2026-11-01T10:00:00Z', 'leeds', 'main', 3, 3, 2);
      insert into call_5min_rollups (bucket, site_id, offered, abandoned, abandoned_after_30s) values
        ('2026-11-20T09:00:00Z', 'leeds', 3, 3, 3), ('2026-11-20T09:05:00Z', 'leeds', 1, 1, 1),
        ('2026-11-20T23:55:00Z', 'leeds', 1, 1, 1), ('2026-11-01T10:00:00Z', 'leeds', 3, 3, 2);
      insert into call_hour_rollups (hour, site_id, offered, abandoned, abandoned_after_30s) values
        ('2026-11-20T09:00:00Z', 'leeds', 4, 4, 4), ('2026-11-20T23:00:00Z', 'leeds', 1, 1, 1),
        ('2026-11-01T10:00:00Z', 'leeds', 3, 3, 2);
      insert into call_day_rollups (day, site_id, offered, abandoned, abandoned_after_30s) values
        ('2026-11-20', 'leeds', 5, 5, 5), ('2026-11-01', 'leeds', 3, 3, 2);`);

    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const after60 = async (table: string, key: string) =>
      Object.fromEntries(
        (
          await db.execute(sql.raw(`select ${key} as k, abandoned_after_60s as n from ${table} order by 1`))
        ).rows.map((r) => [r.k, r.n]),
      );
    const utc = (column: string) => `to_char(${column} at time zone 'UTC', 'MM-DD HH24:MI')`;
    expect(await after60('call_minute_rollups', `${utc('minute')} || ' ' || queue`)).toEqual({
      '11-01 10:00 main': 0,
      '11-20 09:01 main': 1,
      '11-20 09:03 clinical': 1,
      '11-20 09:05 main': 0,
      '11-20 23:59 main': 1,
    });
    expect(await after60('call_5min_rollups', utc('bucket'))).toEqual({
      '11-01 10:00': 0,
      '11-20 09:00': 2,
      '11-20 09:05': 0,
      '11-20 23:55': 1,
    });
    expect(await after60('call_hour_rollups', utc('hour'))).toEqual({
      '11-01 10:00': 0,
      '11-20 09:00': 2,
      '11-20 23:00': 1,
    });
    expect(await after60('call_day_rollups', 'day::text')).toEqual({ '2026-11-01': 0, '2026-11-20': 3 });
    const marks = await db.execute(
      sql.raw(`select name, to_char(before at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as before
        from retention_marks order by name`),
    );
    expect(marks.rows).toEqual([
      { name: 'abandoned_after_60s', before: '2026-11-02 00:00' },
      { name: 'raw', before: '2026-11-02 00:00' },
    ]);
    await client.close();
  });
});
