import type { SystemStatusReport } from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import { sql } from 'drizzle-orm';
import { extendRun, extendsRun, latestOf } from './status-runs.ts';

type Run = {
  first: SystemStatusReport;
  lastAt: string;
  lastMs: number;
  maxGapMs: number;
  /** May still be extended: a heartbeat without a response time. */
  open: boolean;
};

/**
 * The common case in a few statements: one stream's reports (in time order), all later than anything
 * stored for it, at distinct milliseconds. The same rule as storeReport, applied in memory: the stream's
 * latest run is extended once and the new runs inserted at once. Answers how many were stored (all of
 * them), or null when the batch is not such a case (storeReport then takes it report by report).
 */
export async function storeInOrder(
  tx: Db,
  items: readonly SystemStatusReport[],
  keyId: string,
  streamHoldMs: number,
): Promise<number | null> {
  const first = items[0];
  if (!first) return 0;
  const ms = items.map((r) => Date.parse(r.at));
  // Finer than a millisecond, or two at one millisecond: report by report, as the database compares them.
  if (items.some((r, i) => /\.\d{4}/.test(r.at) || (i > 0 && (ms[i] ?? 0) <= (ms[i - 1] ?? 0)))) return null;
  const latest = await latestOf(tx, first);
  if (latest && !latest.after) return null;
  const runs: Run[] = [];
  let tail: Run | undefined;
  let storedRun: Run | undefined;
  for (const [i, r] of items.entries()) {
    const at = ms[i] ?? 0;
    const compactable = r.source === 'heartbeat' && (r.responseMs ?? null) === null;
    if (i === 0 && latest && extendsRun(latest, r) && Number(latest.gap_ms) <= streamHoldMs) {
      const gap = Math.ceil(Number(latest.gap_ms));
      storedRun = { first: r, lastAt: r.at, lastMs: at, maxGapMs: gap, open: true };
      tail = storedRun;
      continue;
    }
    const same =
      tail?.open &&
      compactable &&
      tail.first.status === r.status &&
      (tail.first.detail ?? null) === (r.detail ?? null);
    if (tail && same && at - tail.lastMs <= streamHoldMs) {
      tail.maxGapMs = Math.max(tail.maxGapMs, at - tail.lastMs);
      tail.lastAt = r.at;
      tail.lastMs = at;
      continue;
    }
    tail = { first: r, lastAt: r.at, lastMs: at, maxGapMs: 0, open: compactable };
    runs.push(tail);
  }
  if (storedRun && latest) await extendRun(tx, first, latest.at_key, storedRun.lastAt, storedRun.maxGapMs);
  if (runs.length) {
    const json = JSON.stringify(
      runs.map(({ first: r, lastAt, maxGapMs }) => ({
        ...r,
        lastAt,
        maxGapMs,
        responseMs: r.responseMs ?? null,
      })),
    );
    await tx.execute(sql`insert into system_status
        (system_id, site_id, at, last_seen_at, max_gap_ms, status, source, detail, response_ms, key_id)
      select "systemId", "siteId", at, "lastAt", "maxGapMs", status, source, detail, "responseMs", ${keyId}
      from json_to_recordset(${json}::json) as x("systemId" text, "siteId" text, at timestamptz,
        "lastAt" timestamptz, "maxGapMs" int, status system_status_value, source status_source, detail text,
        "responseMs" int)`);
  }
  return items.length;
}
