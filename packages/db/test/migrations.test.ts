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
    expect(
      await rows('select samples, waiting_sum, waiting_max, longest_wait_max_ms from queue_5min_rollups'),
    ).toEqual([{ samples: 8, waiting_sum: 12, waiting_max: 5, longest_wait_max_ms: 90000 }]);
    await client.close();
  });
});
