import { DEFAULT_QUEUE } from '@switchboard/contracts';
import { addToHistogram, emptyHistogram, mergeHistograms } from './histogram.ts';

/** Per site, queue and minute (or any window): what a row of the call rollup tables holds. */
export type CallCounts = {
  offered: number;
  answered: number;
  answeredWithin60s: number;
  abandoned: number;
  abandonedAfter30s: number;
  /** Of those, abandoned after 60 s (waitMs > 60000): IUC ADC B05, and B04 = abandonedAfter30s − this. */
  abandonedAfter60s: number;
  /** Sum of answer times in ms (IUC ADC B06), so mean = answerMsSum / answered. */
  answerMsSum: number;
  /** Answer times, see histogram.ts. May be short or empty (= all zeros). */
  answerHist: number[];
};

/** A call rollup row's counts without its answer-time histogram. */
export type CallTallies = Omit<CallCounts, 'answerHist'>;

/** A call lifecycle event as the ingestion contract carries it (extra kinds are ignored here). */
export type CallEventLike = {
  siteId: string;
  callId: string;
  kind: string;
  /** ISO 8601 instant with an offset. */
  at: string;
  waitMs?: number | null;
  queue?: string | null;
};

/** Service level target: answered within 60 s means waitMs <= 60000. */
export const ANSWER_TARGET_MS = 60_000;
/** Older abandonment measure: abandoned after 30 s means waitMs > 30000. */
export const ABANDON_GRACE_MS = 30_000;
/** The IUC ADC split of abandoned calls: after 60 s means waitMs > 60000 (B05; 30–60 s is B04). */
export const ABANDON_LATE_MS = 60_000;
export const MINUTE_MS = 60_000;

export function isAnsweredWithin60s(waitMs: number): boolean {
  return waitMs <= ANSWER_TARGET_MS;
}

export function isAbandonedAfter30s(waitMs: number): boolean {
  return waitMs > ABANDON_GRACE_MS;
}

export function isAbandonedAfter60s(waitMs: number): boolean {
  return waitMs > ABANDON_LATE_MS;
}

/** The caller's wait; the contract requires it for answered/abandoned, a missing one counts as 0. */
export function waitOf(event: Pick<CallEventLike, 'waitMs'>): number {
  return event.waitMs ?? 0;
}

/** Epoch ms of an ISO instant; throws on an unparseable one. */
export function instantMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${JSON.stringify(iso)}`);
  return ms;
}

/**
 * When the call was offered (epoch ms): `at` for an `offered` event, `at − waitMs` for `answered` and
 * `abandoned`, `at` for any other kind. Measures are attributed to the minute the call was offered.
 */
export function offeredAt(event: Pick<CallEventLike, 'kind' | 'at' | 'waitMs'>): number {
  const at = instantMs(event.at);
  return event.kind === 'answered' || event.kind === 'abandoned' ? at - waitOf(event) : at;
}

/** Start (epoch ms) of the UTC minute holding `ms`. */
export function minuteStart(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** `${siteId}|${queue}|${minuteIsoUtc}`, e.g. `leeds|default|2026-11-25T09:14:00.000Z`. */
export function countsKey(siteId: string, queue: string | null | undefined, minuteMs: number): string {
  return `${siteId}|${queue ?? DEFAULT_QUEUE}|${new Date(minuteStart(minuteMs)).toISOString()}`;
}

export function emptyCounts(): CallCounts {
  return { ...emptyTallies(), answerHist: emptyHistogram() };
}

/** Zero tallies (a rollup row's counts without its histogram). */
export function emptyTallies(): CallTallies {
  return {
    offered: 0,
    answered: 0,
    answeredWithin60s: 0,
    abandoned: 0,
    abandonedAfter30s: 0,
    abandonedAfter60s: 0,
    answerMsSum: 0,
  };
}

/** Sum of two counts as a new object; neither input changes. Associative and commutative. */
export function mergeCounts(a: CallCounts, b: CallCounts): CallCounts {
  return {
    offered: a.offered + b.offered,
    answered: a.answered + b.answered,
    answeredWithin60s: a.answeredWithin60s + b.answeredWithin60s,
    abandoned: a.abandoned + b.abandoned,
    abandonedAfter30s: a.abandonedAfter30s + b.abandonedAfter30s,
    abandonedAfter60s: a.abandonedAfter60s + b.abandonedAfter60s,
    answerMsSum: a.answerMsSum + b.answerMsSum,
    answerHist: mergeHistograms(a.answerHist, b.answerHist),
  };
}

/** Sum of any number of counts; null when there are none (a window with no data is a gap, not zero). */
export function sumCounts(all: Iterable<CallCounts | null | undefined>): CallCounts | null {
  let total: CallCounts | null = null;
  for (const c of all) {
    if (c) total = total ? mergeCounts(total, c) : mergeCounts(emptyCounts(), c);
  }
  return total;
}

/** The kinds the call measures count; any other kind changes nothing. */
export const COUNTED_KINDS: ReadonlySet<string> = new Set(['offered', 'answered', 'abandoned']);

/**
 * Adds one event to the tallies `c` in place (not the histogram) and returns the wait an answered call adds
 * to the answer-time histogram, or null when it adds none. Kinds other than offered/answered/abandoned
 * change nothing.
 */
export function addEventToTallies(
  c: CallTallies,
  event: Pick<CallEventLike, 'kind' | 'waitMs'>,
): number | null {
  const wait = waitOf(event);
  if (event.kind === 'offered') {
    c.offered += 1;
  } else if (event.kind === 'answered') {
    c.answered += 1;
    if (isAnsweredWithin60s(wait)) c.answeredWithin60s += 1;
    c.answerMsSum += wait;
    return wait;
  } else if (event.kind === 'abandoned') {
    c.abandoned += 1;
    if (isAbandonedAfter30s(wait)) c.abandonedAfter30s += 1;
    if (isAbandonedAfter60s(wait)) c.abandonedAfter60s += 1;
  }
  return null;
}

/** Adds one event to `c` in place, its answer time included. Kinds other than offered/answered/abandoned change nothing. */
export function addEventToCounts(c: CallCounts, event: Pick<CallEventLike, 'kind' | 'waitMs'>): void {
  const answerWait = addEventToTallies(c, event);
  if (answerWait !== null) addToHistogram(c.answerHist, answerWait);
}

/**
 * Brute force from raw events — the oracle database rollups are tested against.
 * 1. Deduplicate by (siteId, callId, kind), keeping the first in input order.
 * 2. Attribute each offered/answered/abandoned event to the UTC minute its call was offered.
 * 3. Count per `countsKey(siteId, queue, minute)`.
 */
export function countsFromEvents(events: Iterable<CallEventLike>): Map<string, CallCounts> {
  const seen = new Set<string>();
  const out = new Map<string, CallCounts>();
  for (const event of events) {
    const identity = JSON.stringify([event.siteId, event.callId, event.kind]);
    if (seen.has(identity)) continue;
    seen.add(identity);
    if (!COUNTED_KINDS.has(event.kind)) continue;
    const key = countsKey(event.siteId, event.queue, offeredAt(event));
    let counts = out.get(key);
    if (!counts) {
      counts = emptyCounts();
      out.set(key, counts);
    }
    addEventToCounts(counts, event);
  }
  return out;
}
