import type { TestDatabase } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';

/** Every table a report reaches: raw rows and every rollup level. */
export const STORED_TABLES = [
  'call_events',
  'queue_snapshots',
  'system_status',
  'call_minute_rollups',
  'call_5min_rollups',
  'call_hour_rollups',
  'call_hour_answer_bins',
  'call_day_rollups',
  'call_day_answer_bins',
  'queue_minute_rollups',
  'queue_5min_rollups',
  'queue_hour_rollups',
  'queue_day_rollups',
] as const;

/**
 * A fingerprint of everything stored (row count and an md5 of the rows' text, per table), so a test can
 * prove a refused request changed nothing, raw or rolled up.
 */
export async function storedState(database: TestDatabase): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of STORED_TABLES) {
    const [row] = await database.rows<{ n: number; h: string | null }>(
      sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h
               from ${table} t`),
    );
    out[table] = `${row?.n}:${row?.h}`;
  }
  return out;
}

/** The heap in use after a full garbage collection when exposed (`--expose-gc`), else as it stands. */
export function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

/**
 * Times `/healthz` again and again while `during` runs; resolves with every answer's time in ms (the
 * probes that started while `during` was still in flight). Bounded: at most `maxProbes` probes.
 */
export async function healthzTimes(url: string, during: Promise<unknown>, maxProbes = 200) {
  let done = false;
  void during.finally(() => {
    done = true;
  });
  const times: number[] = [];
  for (let i = 0; i < maxProbes && !done; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/healthz`);
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  await during;
  return times;
}
