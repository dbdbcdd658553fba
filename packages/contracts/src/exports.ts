import { z } from 'zod';
import { idField } from './fields.ts';
import { SERIES_INTERVALS } from './intervals.ts';
import { MAX_RANGE_DAYS, type SeriesPoint } from './queries.ts';

/**
 * CSV exports: the query string each one takes and the columns it writes, in order. "excel" = UTF-8 with a
 * byte-order mark, CRLF, times as `YYYY-MM-DD HH:MM:SS`; "raw" = no BOM, LF, ISO 8601 times.
 */
export const EXPORT_PROFILES = ['excel', 'raw'] as const;
export type ExportProfile = (typeof EXPORT_PROFILES)[number];

/** How a column's values are written: text is neutralised against formulas, numbers never are. */
/** `utc`, `local` and `offset` take an instant and write it on the UTC clock, on London's, or London's offset. */
export type ColumnKind = 'text' | 'number' | 'utc' | 'local' | 'offset' | 'bool';
export interface ExportColumn {
  name: string;
  kind: ColumnKind;
}

const col = (name: string, kind: ColumnKind): ExportColumn => ({ name, kind });

/** Start of a period: UTC, London wall-clock time, and the offset between them. */
export const PERIOD_START_COLUMNS = [
  col('period_start_utc', 'utc'),
  col('period_start_local', 'local'),
  col('utc_offset', 'offset'),
];

/** `answeredWithin60sPct` → `answered_within_60s_pct`, `p95AnswerMs` → `p95_answer_ms`. */
export const snakeCase = (name: string) =>
  name
    .replace(/([A-Z])/g, '_$1')
    .replace(/([a-z]{2,})(\d)/g, '$1_$2')
    .toLowerCase();

/** The `metrics.series` fields the intervals export writes, in this order, as columns named in snake_case. */
export const INTERVAL_FIELDS = [
  'offered',
  'answered',
  'answeredWithin60s',
  'abandoned',
  'abandonedAfter30s',
  'answeredWithin60sPct',
  'abandonedPct',
  'abandonedAllPct',
  'meanAnswerMs',
  'p50AnswerMs',
  'p95AnswerMs',
  'queueDepthMax',
  'queueDepthMean',
  'longestWaitMs',
  'agentsAvailable',
] as const satisfies readonly Exclude<keyof SeriesPoint, 'start'>[];
export type IntervalField = (typeof INTERVAL_FIELDS)[number];

export function intervalColumns(bySite: boolean): ExportColumn[] {
  return [
    ...PERIOD_START_COLUMNS,
    ...(bySite ? [col('site_id', 'text'), col('site_name', 'text')] : []),
    ...INTERVAL_FIELDS.map((field) => col(snakeCase(field), 'number')),
    col('data_complete', 'bool'),
  ];
}

/**
 * IUC ADC long format: the nine columns of NHS England's published CSV first (a file cut to them matches
 * the national layout), then Switchboard's own.
 */
export const IUC_ADC_COLUMNS: ExportColumn[] = [
  col('REPORTING_PERIOD', 'text'),
  col('REGION_CODE', 'text'),
  col('REGION_NAME', 'text'),
  col('ORG_CODE', 'text'),
  col('ORG_NAME', 'text'),
  col('CONTRACT_CODE', 'text'),
  col('CONTRACT_NAME', 'text'),
  col('ITEM_NUMBER', 'text'),
  col('VALUE', 'number'),
  col('SITE_ID', 'text'),
  col('PERIOD_START_UTC', 'utc'),
  col('PERIOD_START_LOCAL', 'local'),
  col('UTC_OFFSET', 'offset'),
  col('PERIOD_END_UTC', 'utc'),
  col('DATA_COMPLETE', 'bool'),
];

/** One row per status interval of a system at a site (site empty: national). */
export const AVAILABILITY_INTERVAL_COLUMNS: ExportColumn[] = [
  col('system_id', 'text'),
  col('system_name', 'text'),
  col('site_id', 'text'),
  col('status', 'text'),
  ...PERIOD_START_COLUMNS,
  col('period_end_utc', 'utc'),
  col('period_end_local', 'local'),
  col('duration_s', 'number'),
];

/** One row per system and site over the whole range. */
export const AVAILABILITY_SUMMARY_COLUMNS: ExportColumn[] = [
  col('system_id', 'text'),
  col('system_name', 'text'),
  col('site_id', 'text'),
  ...PERIOD_START_COLUMNS,
  col('period_end_utc', 'utc'),
  col('availability_pct', 'number'),
  col('down_s', 'number'),
  col('degraded_s', 'number'),
  col('unknown_s', 'number'),
  col('current_status', 'text'),
  // Planned maintenance apart from unplanned downtime (as on the systems page).
  col('maintenance_s', 'number'),
  col('planned_down_s', 'number'),
  col('unplanned_down_s', 'number'),
];

/** Raw call events; `at_*` is the instant of the event. */
export const CALL_COLUMNS: ExportColumn[] = [
  col('site_id', 'text'),
  col('call_id', 'text'),
  col('kind', 'text'),
  col('at_utc', 'utc'),
  col('at_local', 'local'),
  col('utc_offset', 'offset'),
  col('wait_ms', 'number'),
  col('queue', 'text'),
  col('agent_id', 'text'),
];

// ---- query strings (every value arrives as text) ----

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp with an offset' });

/** `siteIds=a,b`: a comma-separated list; empty or absent = every site in the caller's scope. */
const siteIdsParam = z
  .string()
  .max(200 * 65, 'lists too many sites')
  .optional()
  .transform((value) => (value ? value.split(',').filter((id) => id !== '') : []))
  .pipe(z.array(idField('siteIds')).max(200, 'at most 200 sites'));

const flagParam = z
  .enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0' })
  .optional()
  .transform((v) => v === '1' || v === 'true');

const profileParam = z
  .enum(EXPORT_PROFILES, { error: `must be one of ${EXPORT_PROFILES.join(', ')}` })
  .default('excel');

const rangeParams = { from: instant, to: instant };

function checkRange(range: { from: string; to: string }, ctx: z.RefinementCtx) {
  const span = Date.parse(range.to) - Date.parse(range.from);
  if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after "from"' });
  if (span > MAX_RANGE_DAYS * 86_400_000)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the range may be at most ${MAX_RANGE_DAYS} days`,
    });
}

export const intervalsExportInput = z
  .strictObject({
    ...rangeParams,
    siteIds: siteIdsParam,
    interval: z.enum(SERIES_INTERVALS, { error: `must be one of ${SERIES_INTERVALS.join(', ')}` }),
    bySite: flagParam,
    profile: profileParam,
  })
  .superRefine(checkRange);
export type IntervalsExportInput = z.output<typeof intervalsExportInput>;

export const IUC_ADC_PERIODS = ['day', 'month'] as const;
export const iucAdcExportInput = z
  .strictObject({
    ...rangeParams,
    siteIds: siteIdsParam,
    period: z.enum(IUC_ADC_PERIODS, { error: 'must be day or month' }).default('month'),
    profile: profileParam,
  })
  .superRefine(checkRange);
export type IucAdcExportInput = z.output<typeof iucAdcExportInput>;

export const availabilityExportInput = z
  .strictObject({
    ...rangeParams,
    siteIds: siteIdsParam,
    systemIds: z
      .string()
      .max(200 * 65)
      .optional()
      .transform((value) => (value ? value.split(',').filter((id) => id !== '') : []))
      .pipe(z.array(idField('systemIds')).max(200, 'at most 200 systems')),
    view: z.enum(['intervals', 'summary'], { error: 'must be intervals or summary' }).default('intervals'),
    profile: profileParam,
  })
  .superRefine(checkRange);
export type AvailabilityExportInput = z.output<typeof availabilityExportInput>;

export const callsExportInput = z
  .strictObject({
    ...rangeParams,
    siteIds: siteIdsParam,
    profile: profileParam,
  })
  .superRefine(checkRange);
export type CallsExportInput = z.output<typeof callsExportInput>;

/** The impact measures the incidents export writes for the window and its baseline. */
export const INCIDENT_MEASURE_FIELDS = [
  'offered',
  'answeredWithin60sPct',
  'meanAnswerMs',
  'p95AnswerMs',
  'abandoned',
  'abandonedAfter30s',
] as const;

/**
 * One row per incident and scope: `site_id` empty = all affected sites (in the caller's scope) together,
 * then one row per affected site when there are several. `manual_*` are hand-counted paper tallies in the
 * window (never mixed into the telephony figures), empty when none were entered.
 */
export const INCIDENT_COLUMNS: ExportColumn[] = [
  col('reference', 'text'),
  col('incident_id', 'number'),
  col('title', 'text'),
  col('type', 'text'),
  col('eprr_level', 'number'),
  col('stage', 'text'),
  col('site_id', 'text'),
  col('affected_site_ids', 'text'),
  col('system_ids', 'text'),
  col('declared_by', 'text'),
  col('started_utc', 'utc'),
  col('started_local', 'local'),
  col('utc_offset', 'offset'),
  col('stood_down_utc', 'utc'),
  col('window_from_utc', 'utc'),
  col('window_to_utc', 'utc'),
  col('live', 'bool'),
  ...INCIDENT_MEASURE_FIELDS.map((f) => col(snakeCase(f), 'number')),
  ...INCIDENT_MEASURE_FIELDS.map((f) => col(`baseline_${snakeCase(f)}`, 'number')),
  col('baseline_weeks', 'number'),
  col('missing_weeks', 'number'),
  col('extra_over_60s', 'number'),
  col('extra_abandoned', 'number'),
  col('extra_wait_hours', 'number'),
  col('manual_calls_handled', 'number'),
  col('manual_callbacks_owed', 'number'),
  col('manual_passed_to_ambulance', 'number'),
  col('manual_passed_to_ed', 'number'),
];

export const incidentsExportInput = z
  .strictObject({
    ...rangeParams,
    siteIds: siteIdsParam,
    profile: profileParam,
  })
  .superRefine(checkRange);
export type IncidentsExportInput = z.output<typeof incidentsExportInput>;
