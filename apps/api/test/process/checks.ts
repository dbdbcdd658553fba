import type { Database } from '@switchboard/db';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { createDisplay } from '../../src/services/displays.ts';
import { createKey } from '../../src/services/keys.ts';
import { ROLLUP_TABLES, rebuildRollups } from '../../src/services/rollups/rebuild.ts';
import { addSite } from '../../src/services/sites.ts';
import type { FeedLog } from './feeder.ts';

/** Registers site `leeds`, a feed key for it and a display (a live reader) on it. */
export async function seed(database: Pick<Database, 'db'>) {
  await addSite(database.db, { id: 'leeds', name: 'Leeds', actor: 'test' });
  const { key } = await createKey(database.db, { siteIds: ['leeds'], feed: 'telephony', actor: 'test' });
  const display = await createDisplay(database.db, { name: 'Wall', sites: 'all', actor: 'test' });
  return { key, reader: { authorization: `Bearer ${display.token}` } };
}

/** Stored call events per batch id (the part of the call id before the first `-`). */
export async function storedByBatch(database: Pick<Database, 'rows'>): Promise<Map<string, number>> {
  const rows = await database.rows<{ batch: string; n: number }>(
    sql`select split_part(call_id, '-', 1) as batch, count(*)::int as n from call_events group by 1`,
  );
  return new Map(rows.map((r) => [r.batch, Number(r.n)]));
}

/**
 * Every acknowledged batch is stored whole, once (the unique identity makes a second copy impossible, so
 * "once" is: its exact number of events); every batch sent is stored whole or not at all; nothing is stored
 * that was not sent; and every reply's `accepted` + `duplicates` is its batch's size, with duplicates only
 * for a batch that had a failed attempt before: one whose commit reached the database but whose answer was
 * lost (a restart cut the connection after the commit) comes back as duplicates on the retry, never as
 * new rows — and a batch sent once is accepted whole.
 */
export async function expectStoredOnce(database: Pick<Database, 'rows'>, log: FeedLog) {
  const stored = await storedByBatch(database);
  const missing = [...log.acked.keys()].filter((id) => stored.get(id) !== log.sent.get(id));
  expect(missing, 'acknowledged batches not stored exactly once').toEqual([]);
  const partial = [...log.sent].filter(([id, size]) => ![0, size].includes(stored.get(id) ?? 0));
  expect(partial, 'batches stored in part').toEqual([]);
  expect(
    [...stored.keys()].filter((id) => !log.sent.has(id)),
    'batches nobody sent',
  ).toEqual([]);
  const miscounted = [...log.acked].filter(([id, c]) => c.accepted + c.duplicates !== log.sent.get(id));
  expect(miscounted, 'replies whose accepted + duplicates is not the batch size').toEqual([]);
  const unexplained = [...log.acked].filter(([id, c]) => c.duplicates > 0 && !log.retried.has(id));
  expect(unexplained, 'batches sent once but answered as duplicates').toEqual([]);
  const total = [...stored.values()].reduce((a, b) => a + b, 0);
  const accepted = [...log.acked.values()].reduce((a, b) => a + b.accepted, 0);
  const acknowledged = [...log.acked.keys()].reduce((a, id) => a + (log.sent.get(id) ?? 0), 0);
  return { stored: total, accepted, acknowledged };
}

/** Every rollup table's rows, in a stable order (to compare with a rebuild). */
async function rollupRows(database: Pick<Database, 'rows'>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ROLLUP_TABLES) {
    const rows = await database.rows<{ row: string }>(
      sql.raw(`select to_jsonb(t)::text as row from ${table} t order by 1`),
    );
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

/** The rollups as ingestion left them equal a rebuild from the raw events (`npm run rollups -- rebuild`). */
export async function expectRollupsEqualRebuild(database: Pick<Database, 'rows' | 'db'>) {
  const incremental = await rollupRows(database);
  expect(Object.values(incremental).some((rows) => rows.length > 0)).toBe(true);
  await rebuildRollups(database.db);
  expect(await rollupRows(database)).toEqual(incremental);
}
