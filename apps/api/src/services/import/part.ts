import type { CallEvent } from '@switchboard/contracts';
import { DEFAULT_QUEUE } from '@switchboard/db';
import {
  addEventToTallies,
  binIndex,
  type CallTallies,
  COUNTED_KINDS,
  emptyTallies,
  minuteStart,
  offeredAt,
} from '@switchboard/metrics';

/** Columns of a part's events CSV, in call_events and in the staging table alike. */
export const EVENT_COLUMNS = 'site_id, call_id, kind, at, wait_ms, queue, agent_id';
/** Columns of a part's minutes CSV (see STAGED_MINUTES_TABLE in rollups/call-rollups-sql.ts). */
export const MINUTE_COLUMNS =
  'queue, minute, offered, answered, answered_within_60s, abandoned, abandoned_after_30s, abandoned_after_60s, answer_ms_sum, answer_bins, answer_bin_calls';

interface Minute {
  queue: string;
  minute: number;
  tallies: CallTallies;
  /** Answer-time bin → calls (sparse: a minute holds a dozen calls, the histogram 601 bins). */
  bins: Map<number, number>;
}

/**
 * A part of an import on its way to the database: its events as CSV for COPY, and their call counts per
 * queue and minute, added up here with the rules of packages/metrics, so that the database, when every
 * event of the part is new, adds a few thousand minutes to the rollups rather than grouping every event.
 * Ids, kinds and ISO times hold no comma, quote or line break (the contract's patterns), so fields need
 * no quoting.
 */
export class ImportPart {
  rows = 0;
  private readonly lines: string[] = [];
  private readonly minutes = new Map<string, Minute>();

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
      entry = { queue, minute, tallies: emptyTallies(), bins: new Map() };
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

  /** One CSV line per queue and minute (MINUTE_COLUMNS), the answer bins ascending as array literals. */
  minutesCsv(): string {
    const out: string[] = [];
    for (const { queue, minute, tallies: t, bins } of this.minutes.values()) {
      const ascending = [...bins.keys()].sort((a, b) => a - b);
      out.push(
        `${queue},${new Date(minute).toISOString()},${t.offered},${t.answered},${t.answeredWithin60s},${t.abandoned},` +
          `${t.abandonedAfter30s},${t.abandonedAfter60s},${t.answerMsSum},"{${ascending.join(',')}}",` +
          `"{${ascending.map((bin) => bins.get(bin)).join(',')}}"\n`,
      );
    }
    return out.join('');
  }
}
