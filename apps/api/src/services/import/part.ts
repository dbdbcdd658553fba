import type { CallEvent } from '@switchboard/contracts';
import { DEFAULT_QUEUE } from '@switchboard/db';
import {
  addEventToTallies,
  binIndex,
  type CallTallies,
  COUNTED_KINDS,
  emptyTallies,
  localDateString,
  minuteStart,
  offeredAt,
} from '@switchboard/metrics';
import type { StagedLevel } from '../rollups/call-rollups-sql.ts';

/** Columns of a part's events CSV, in call_events and in the staging table alike. */
export const EVENT_COLUMNS = 'site_id, call_id, kind, at, wait_ms, queue, agent_id';
/** Columns of a part's rollups CSV (STAGED_ROLLUPS_TABLE in rollups/call-rollups-sql.ts). */
export const ROLLUP_COLUMNS =
  'level, queue, bucket, offered, answered, answered_within_60s, abandoned, abandoned_after_30s, abandoned_after_60s, answer_ms_sum, answer_bins, answer_bin_calls';

const FIVE_MINUTES_MS = 5 * 60_000;
const HOUR_MS = 60 * 60_000;

/** Counts of one bucket: tallies and the answer-time histogram, sparse (bin → calls). */
interface Bucket {
  tallies: CallTallies;
  bins: Map<number, number>;
}
const emptyBucket = (): Bucket => ({ tallies: emptyTallies(), bins: new Map() });

/** Adds `from` into `into` (tallies and bins). */
function addBucket(into: Bucket, from: Bucket): void {
  for (const key of Object.keys(from.tallies) as (keyof CallTallies)[])
    into.tallies[key] += from.tallies[key];
  for (const [bin, calls] of from.bins) into.bins.set(bin, (into.bins.get(bin) ?? 0) + calls);
}

/** The bucket of `key` in `map`, made empty when missing. */
function bucketOf<K>(map: Map<K, Bucket>, key: K): Bucket {
  let bucket = map.get(key);
  if (!bucket) {
    bucket = emptyBucket();
    map.set(key, bucket);
  }
  return bucket;
}

/** One CSV line of import_rollups. */
function rollupLine(level: StagedLevel, queue: string, bucket: string, { tallies: t, bins }: Bucket): string {
  const ascending = [...bins.keys()].sort((a, b) => a - b);
  return (
    `${level},${queue},${bucket},${t.offered},${t.answered},${t.answeredWithin60s},${t.abandoned},` +
    `${t.abandonedAfter30s},${t.abandonedAfter60s},${t.answerMsSum},"{${ascending.join(',')}}",` +
    `"{${ascending.map((bin) => bins.get(bin)).join(',')}}"\n`
  );
}

/**
 * A part of an import on its way to the database: its events as CSV for COPY, and their call counts at
 * every rollup level, added up here with the rules of packages/metrics (per queue and UTC minute, then per
 * site and five minutes, UTC hour and London day), so that the database, when every event of the part is
 * new, upserts the few thousand rows they make rather than grouping every event. Ids, kinds and ISO times
 * hold no comma, quote or line break (the contract's patterns), so fields need no quoting.
 */
export class ImportPart {
  rows = 0;
  private readonly lines: string[] = [];
  /** Per queue and minute: `${queue} ${minuteMs}`. */
  private readonly minutes = new Map<string, Bucket & { queue: string; minute: number }>();

  constructor(private readonly siteId: string) {}

  add(event: CallEvent): void {
    const queue = event.queue ?? DEFAULT_QUEUE;
    this.lines.push(
      `${this.siteId},${event.callId},${event.kind},${event.at},${event.waitMs ?? ''},${queue},${event.agentId ?? ''}\n`,
    );
    this.rows++;
    if (!COUNTED_KINDS.has(event.kind)) return;
    const minute = minuteStart(offeredAt(event));
    const key = `${queue} ${minute}`;
    let entry = this.minutes.get(key);
    if (!entry) {
      entry = { queue, minute, ...emptyBucket() };
      this.minutes.set(key, entry);
    }
    const answerWait = addEventToTallies(entry.tallies, event);
    if (answerWait !== null) {
      const bin = binIndex(answerWait);
      entry.bins.set(bin, (entry.bins.get(bin) ?? 0) + 1);
    }
  }

  /** The events, one CSV line each (EVENT_COLUMNS), the queue filled in where the feed named none. */
  eventsCsv(): string {
    return this.lines.join('');
  }

  /** The rows of every rollup level (ROLLUP_COLUMNS): the minutes, and the minutes added up per level. */
  rollupsCsv(): string {
    const out: string[] = [];
    const fiveMinutes = new Map<number, Bucket>();
    const hours = new Map<number, Bucket>();
    const days = new Map<string, Bucket>();
    for (const minute of this.minutes.values()) {
      out.push(rollupLine('minute', minute.queue, new Date(minute.minute).toISOString(), minute));
      addBucket(bucketOf(fiveMinutes, Math.floor(minute.minute / FIVE_MINUTES_MS) * FIVE_MINUTES_MS), minute);
      addBucket(bucketOf(hours, Math.floor(minute.minute / HOUR_MS) * HOUR_MS), minute);
      addBucket(bucketOf(days, localDateString(minute.minute)), minute);
    }
    for (const [start, bucket] of fiveMinutes)
      out.push(rollupLine('five_minute', '', new Date(start).toISOString(), bucket));
    for (const [start, bucket] of hours)
      out.push(rollupLine('hour', '', new Date(start).toISOString(), bucket));
    for (const [day, bucket] of days) out.push(rollupLine('day', '', day, bucket));
    return out.join('');
  }
}
