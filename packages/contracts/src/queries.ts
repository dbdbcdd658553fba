import { z } from 'zod';
import { idField, textField } from './fields.ts';
import { SERIES_INTERVALS, type SeriesInterval } from './intervals.ts';
import { READ_LIMITS } from './limits.ts';

/** A relative range such as "30m", "4h" or "7d", resolved against the clock when the query runs. */
export const relativeRangeField = z
  .string({ error: 'must be a relative range such as "4h"' })
  .regex(/^[1-9]\d{0,3}[mhd]$/, 'must be a relative range such as "30m", "4h" or "7d"');

const queryInstant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp with an offset' });

/** Longest range one query may cover (absolute or relative). */
export const MAX_RANGE_DAYS = READ_LIMITS.maxRangeDays;
const RELATIVE_UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

const rangeShape = {
  from: queryInstant.optional(),
  to: queryInstant.optional(),
  last: relativeRangeField.optional(),
};

type RangeLike = { from?: string | undefined; to?: string | undefined; last?: string | undefined };
function checkRange(range: RangeLike, ctx: z.RefinementCtx) {
  if (range.last !== undefined) {
    if (range.from !== undefined || range.to !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['last'],
        message: 'give either "last" or "from" and "to", not both',
      });
    }
    const unit = range.last.slice(-1) as keyof typeof RELATIVE_UNIT_MS;
    const span = Number.parseInt(range.last, 10) * (RELATIVE_UNIT_MS[unit] ?? Number.POSITIVE_INFINITY);
    if (!(span <= MAX_RANGE_DAYS * 86_400_000)) {
      ctx.addIssue({
        code: 'custom',
        path: ['last'],
        message: `the range may be at most ${MAX_RANGE_DAYS} days`,
      });
    }
    return;
  }
  if (range.from === undefined || range.to === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: [range.from === undefined ? 'from' : 'to'],
      message: 'is required (or give "last")',
    });
    return;
  }
  const span = Date.parse(range.to) - Date.parse(range.from);
  if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after "from"' });
  if (span > MAX_RANGE_DAYS * 86_400_000) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the range may be at most ${MAX_RANGE_DAYS} days`,
    });
  }
}

/** `{ from, to }` (ISO) or `{ last: "4h" }`. */
export const timeRangeInput = z.strictObject(rangeShape).superRefine(checkRange);
export type TimeRangeInput = z.infer<typeof timeRangeInput>;

export const seriesInput = z
  .strictObject({
    ...rangeShape,
    /** Empty: every site together. */
    siteIds: z.array(idField('siteId')).max(200).default([]),
    interval: z.enum(SERIES_INTERVALS, { error: `must be one of ${SERIES_INTERVALS.join(', ')}` }).optional(),
    /** The most points the chart can show; picks the interval when none is given. */
    maxPoints: z.number().int().min(2).max(READ_LIMITS.maxPoints).optional(),
  })
  .superRefine(checkRange);
export type SeriesInput = z.input<typeof seriesInput>;

export const overviewInput = z
  .strictObject({
    /** A site's feed is stale when its last event is older than this. */
    staleAfterS: z.number().int().min(10).max(86_400).optional(),
  })
  .optional();

export const availabilityInput = z
  .strictObject({
    ...rangeShape,
    siteIds: z.array(idField('siteId')).max(200).optional(),
    systemIds: z.array(idField('systemId')).max(200).optional(),
  })
  .superRefine(checkRange);
export type AvailabilityInput = z.input<typeof availabilityInput>;

/** The NHS 111 measures of one window; null where no data arrived (a gap, never a zero). */
export interface WindowMeasures {
  offered: number | null;
  answered: number | null;
  answeredWithin60s: number | null;
  abandoned: number | null;
  abandonedAfter30s: number | null;
  /** Answered within 60 s as a share of answered calls, 0–100. */
  answeredWithin60sPct: number | null;
  /** Abandoned after waiting over 30 s as a share of offered calls, 0–100 (the national measure). */
  abandonedPct: number | null;
  /** Every abandoned call as a share of offered calls, 0–100 (IUC ADC B02 / A01). */
  abandonedAllPct: number | null;
  meanAnswerMs: number | null;
  p50AnswerMs: number | null;
  p95AnswerMs: number | null;
}

export interface SeriesPoint extends WindowMeasures {
  /** Bucket start, ISO 8601 UTC. */
  start: string;
  queueDepthMax: number | null;
  queueDepthMean: number | null;
  longestWaitMs: number | null;
  agentsAvailable: number | null;
}

export interface SeriesResult {
  interval: SeriesInterval;
  from: string;
  to: string;
  siteIds: string[];
  points: SeriesPoint[];
}

export type SystemState = 'up' | 'degraded' | 'down' | 'unknown';

export interface OverviewSite {
  siteId: string;
  name: string;
  /** Last call event or queue snapshot received from this site's feed, ISO; null if none ever. */
  lastEventAt: string | null;
  stale: boolean;
  callsWaiting: number | null;
  longestWaitMs: number | null;
  agentsAvailable: number | null;
  /** When the latest queue snapshot was taken. */
  snapshotAt: string | null;
  last60m: WindowMeasures & { from: string; to: string };
  systemsDown: { systemId: string; name: string; status: SystemState; since: string | null }[];
}

export interface Overview {
  asOf: string;
  staleAfterS: number;
  sites: OverviewSite[];
}

export interface AvailabilityRow {
  systemId: string;
  name: string;
  /** null for a national row. */
  siteId: string | null;
  availabilityPct: number | null;
  downMs: number;
  degradedMs: number;
  unknownMs: number;
  current: SystemState;
  since: string | null;
  /** When the stream last reported (ISO), null if never: "no heartbeat since …". */
  lastReportAt: string | null;
  /** How often the stream is expected to report, and the grace after it, in seconds (see README). */
  expectedEveryS: number;
  graceS: number;
  intervals: { from: string; to: string; status: SystemState }[];
  /** Time of the range under planned maintenance (maintenance windows), apart from the figures above (always set by the API). */
  maintenanceMs?: number;
  /** Down or unknown time inside maintenance (planned) and down time outside it (unplanned). */
  plannedDownMs?: number;
  unplannedDownMs?: number;
  /** The maintenance windows within the range (merged), for the strips. */
  maintenance?: { from: string; to: string }[];
}

export interface AvailabilityResult {
  from: string;
  to: string;
  heartbeatTimeoutS: number;
  rows: AvailabilityRow[];
}

/** What the live subscription (`live.changes`) tells subscribers after each committed ingest. */
export interface LiveChange {
  /** Sites whose data changed. */
  siteIds: string[];
  /** Which streams changed. */
  streams: ('calls' | 'queue' | 'status' | 'incidents')[];
  /** Earliest and latest instant touched (ISO), so a client can tell whether its window is affected. */
  from: string;
  to: string;
  /** When the API committed the change (ISO). */
  at: string;
}

export const liveInput = z
  .strictObject({
    siteIds: z.array(idField('siteId')).max(200).optional(),
    /** Sent back by the client on reconnect (tRPC tracked events); missed changes are coalesced into one. */
    lastEventId: textField('lastEventId', 100).nullish(),
  })
  .optional();

/** Longest range `metrics.baseline` covers (it reads five ranges: the range and the same range 1–4 weeks before). */
export const BASELINE_MAX_RANGE_DAYS = 7;

export const baselineInput = z
  .strictObject({
    from: queryInstant,
    to: queryInstant,
    /** Empty: every site in scope together. */
    siteIds: z.array(idField('siteId')).max(200).default([]),
    interval: z.enum(SERIES_INTERVALS, { error: `must be one of ${SERIES_INTERVALS.join(', ')}` }),
  })
  .superRefine((range, ctx) => {
    const span = Date.parse(range.to) - Date.parse(range.from);
    if (!(span > 0)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after "from"' });
    else if (span > BASELINE_MAX_RANGE_DAYS * 86_400_000)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the range may be at most ${BASELINE_MAX_RANGE_DAYS} days`,
      });
  });
export type BaselineInput = z.input<typeof baselineInput>;

/** A baseline band for one measure in one bucket: median, lowest and highest of the weeks with data. */
export interface BaselineBand {
  mid: number | null;
  low: number | null;
  high: number | null;
  /** Earlier weeks that gave a value (0–4): with data in the bucket and no incident overlapping it. */
  weeks: number;
}

/** The measures `metrics.baseline` bands (those the site page's answer-time and service-level charts draw). */
export const BASELINE_MEASURES = ['meanAnswerMs', 'p95AnswerMs', 'answeredWithin60sPct'] as const;
export type BaselineMeasure = (typeof BASELINE_MEASURES)[number];

export interface BaselinePoint extends Record<BaselineMeasure, BaselineBand> {
  /** Bucket start, ISO 8601 UTC (the same buckets as metrics.series over the same range). */
  start: string;
}

export interface BaselineResult {
  interval: SeriesInterval;
  from: string;
  to: string;
  siteIds: string[];
  points: BaselinePoint[];
}
