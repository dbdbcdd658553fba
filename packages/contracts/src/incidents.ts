import { z } from 'zod';
import { idField, instantField } from './fields.ts';
import type { WindowMeasures } from './queries.ts';

/** EPRR incident types. */
export const INCIDENT_TYPES = ['business_continuity', 'critical', 'major'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** declared → active → monitoring → stood_down → closed; cancelled from any stage before closed. */
export const INCIDENT_STAGES = [
  'declared',
  'active',
  'monitoring',
  'stood_down',
  'closed',
  'cancelled',
] as const;
export type IncidentStage = (typeof INCIDENT_STAGES)[number];
/** Stages in which an incident is still affecting service (shown as a banner, shaded on charts). */
export const OPEN_STAGES = ['declared', 'active', 'monitoring'] as const satisfies readonly IncidentStage[];

const incidentId = z
  .number({ error: 'must be an incident id (a number)' })
  .int('must be a whole number')
  .positive('must be positive')
  .max(2_147_483_647, 'is not an incident id');
const eprrLevel = z
  .number({ error: 'must be an EPRR level 1–4' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 4')
  .max(4, 'must be between 1 and 4');
const text = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

export const incidentDeclareInput = z.strictObject({
  type: z.enum(INCIDENT_TYPES, { error: `must be one of ${INCIDENT_TYPES.join(', ')}` }),
  eprrLevel: eprrLevel.optional(),
  title: text(200),
  systemIds: z.array(idField('systemId')).max(50, 'must list at most 50 systems'),
  siteIds: z
    .array(idField('siteId'))
    .min(1, 'must name at least one site')
    .max(200, 'must list at most 200 sites'),
  /** When the impact began; may be in the past. */
  startedAt: instantField,
});
export type IncidentDeclareInput = z.input<typeof incidentDeclareInput>;

export const incidentUpdateInput = z
  .strictObject({
    id: incidentId,
    stage: z.enum(INCIDENT_STAGES, { error: `must be one of ${INCIDENT_STAGES.join(', ')}` }).optional(),
    note: text(2_000).optional(),
    /** When the change happened (default: now); a stage's milestone time. */
    at: instantField.optional(),
    eprrLevel: eprrLevel.nullable().optional(),
  })
  .refine((u) => u.stage !== undefined || u.note !== undefined || u.eprrLevel !== undefined, {
    path: ['stage'],
    message: 'give a stage, a note or an eprrLevel',
  });
export type IncidentUpdateInput = z.input<typeof incidentUpdateInput>;

export const INCIDENT_STATUS_FILTERS = ['open', 'all', ...INCIDENT_STAGES] as const;
export const incidentListInput = z
  .strictObject({
    /** open (declared, active or monitoring), all, or one stage. Default: all. */
    status: z
      .enum(INCIDENT_STATUS_FILTERS, { error: `must be one of ${INCIDENT_STATUS_FILTERS.join(', ')}` })
      .optional(),
  })
  .optional();

export const incidentIdInput = z.strictObject({ id: incidentId });

export const suspectedOutagesInput = z
  .strictObject({
    /** A system down or unknown for longer than this, with no incident covering it, is suspected. */
    minMinutes: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_440).optional(),
  })
  .optional();

export const paperStartInput = z.strictObject({
  siteId: idField('siteId'),
  incidentId: incidentId.optional(),
  startedAt: instantField,
  note: text(500).optional(),
});
export const paperEndInput = z.strictObject({ id: incidentId, endedAt: instantField });
export const paperListInput = z
  .strictObject({ siteIds: z.array(idField('siteId')).max(200).optional(), openOnly: z.boolean().optional() })
  .optional();

/** What staff count on paper per hour while the clinical system is down. */
export const MANUAL_TALLY_MEASURES = [
  'calls_handled',
  'callbacks_owed',
  'passed_to_ambulance',
  'passed_to_ed',
] as const;
export type ManualTallyMeasure = (typeof MANUAL_TALLY_MEASURES)[number];

export const tallyEnterInput = z.strictObject({
  siteId: idField('siteId'),
  incidentId: incidentId.optional(),
  /** Start of the hour counted (on the hour). */
  hourStart: instantField.refine((v) => Date.parse(v) % 3_600_000 === 0, 'must be on the hour'),
  measure: z.enum(MANUAL_TALLY_MEASURES, { error: `must be one of ${MANUAL_TALLY_MEASURES.join(', ')}` }),
  count: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(100_000),
  note: text(500).optional(),
});
export const tallyListInput = z.strictObject({
  siteIds: z.array(idField('siteId')).max(200).optional(),
  from: instantField,
  to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp with an offset' }),
});

export const opelSetInput = z.strictObject({
  siteId: idField('siteId'),
  level: z
    .number({ error: 'must be an OPEL level 1–4' })
    .int()
    .min(1, 'must be between 1 and 4')
    .max(4, 'must be between 1 and 4'),
  note: text(500).optional(),
});
export const opelHistoryInput = z.strictObject({ siteId: idField('siteId') });

/** The impact of an incident for one site or all affected sites together (`siteId` null). */
export interface ImpactScope {
  siteId: string | null;
  /** The window measured, ISO: the incident's start to its stand-down (or now), on bucket edges. */
  window: { from: string; to: string };
  current: WindowMeasures;
  baseline: WindowMeasures;
  /** Earlier weeks (of 4) that contributed to the baseline, and those with no usable data. */
  baselineWeeks: number;
  missingWeeks: number;
  extraOver60s: number | null;
  extraAbandoned: number | null;
  extraWaitHours: number | null;
}

export interface IncidentImpact extends ImpactScope {
  incidentId: number;
  /** Bucket size the window was measured in (5 minutes up to 12 hours, hours beyond). */
  interval: '5m' | '1h';
  /** Whether the window is still growing (the incident has not been stood down). */
  live: boolean;
  sites: ImpactScope[];
}
