import { z } from 'zod';
import { emailField } from './access.ts';
import { idField, nameField, textField } from './fields.ts';

export const ALERT_CHANNEL_KINDS = ['teams', 'email', 'webhook'] as const;
export type AlertChannelKind = (typeof ALERT_CHANNEL_KINDS)[number];
export const ALERT_RULE_KINDS = ['system_down', 'off_target', 'feed_stale', 'incident', 'opel'] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

/**
 * Measures an off_target rule may watch, and which way is good: `min` = off target below the threshold,
 * `max` = off target above it.
 */
export const ALERT_MEASURES = {
  answeredWithin60sPct: 'min',
  abandonedAllPct: 'max',
  abandonedPct: 'max',
  meanAnswerMs: 'max',
  p95AnswerMs: 'max',
} as const;
export type AlertMeasure = keyof typeof ALERT_MEASURES;
const MEASURE_NAMES = Object.keys(ALERT_MEASURES) as [AlertMeasure, ...AlertMeasure[]];

/** Bounds on what people can configure. */
export const ALERT_LIMITS = {
  maxChannels: 100,
  maxRules: 200,
  maxMaintenanceWindows: 500,
  maxMinutes: 24 * 60,
  maxPageSize: 200,
} as const;

const httpUrl = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .max(2_000, `${what} must be at most 2000 characters`)
    .pipe(z.url({ protocol: /^https?$/, error: `${what} must be an http(s) URL` }));

const kindField = z.enum(ALERT_CHANNEL_KINDS, { error: `must be one of ${ALERT_CHANNEL_KINDS.join(', ')}` });

/** `alerts.createChannel`: a Teams or webhook URL, or an e-mail address, per kind. */
export const createChannelInput = z
  .strictObject({
    kind: kindField,
    name: nameField('name').pipe(z.string().max(120, 'name must be at most 120 characters')),
    target: z
      .string({ error: 'target must be a string' })
      .max(2_000, 'target must be at most 2000 characters'),
  })
  .superRefine((input, ctx) => {
    const check = input.kind === 'email' ? emailField : httpUrl('target');
    const parsed = check.safeParse(input.target);
    if (!parsed.success)
      ctx.addIssue({
        code: 'custom',
        path: ['target'],
        message: input.kind === 'email' ? 'must be an e-mail address' : 'must be an http(s) URL',
      });
  });
export type CreateChannelInput = z.infer<typeof createChannelInput>;

const numericId = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(2_147_483_647, 'is too large');
export const alertIdInput = z.strictObject({ id: numericId });

export const updateChannelInput = z.strictObject({
  id: numericId,
  name: nameField('name').pipe(z.string().max(120, 'name must be at most 120 characters')).optional(),
  enabled: z.boolean({ error: 'must be true or false' }).optional(),
});

const minutesField = z
  .number({ error: 'must be a number' })
  .int('must be a whole number of minutes')
  .min(0, 'must be at least 0')
  .max(ALERT_LIMITS.maxMinutes, `must be at most ${ALERT_LIMITS.maxMinutes}`);
const idsField = (what: string) => z.array(idField(what)).max(200, 'at most 200 ids');

const ruleShape = {
  name: nameField('name').pipe(z.string().max(120, 'name must be at most 120 characters')).optional(),
  minutes: minutesField.optional(),
  siteIds: idsField('site id').optional(),
  systemIds: idsField('system id').optional(),
  measure: z.enum(MEASURE_NAMES, { error: `must be one of ${MEASURE_NAMES.join(', ')}` }).optional(),
  threshold: z
    .number({ error: 'must be a number' })
    .min(0, 'must be at least 0')
    .max(86_400_000, 'must be at most 86400000')
    .optional(),
  channelIds: z.array(numericId).min(1, 'give at least one channel').max(20, 'at most 20 channels'),
  repeatMinutes: z
    .number({ error: 'must be a number' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1')
    .max(7 * 24 * 60, 'must be at most 10080')
    .nullable()
    .optional(),
  enabled: z.boolean({ error: 'must be true or false' }).optional(),
};

/** The OPEL level an `opel` rule fires at (and above) when it names none. */
export const DEFAULT_OPEL_THRESHOLD = 3;

/** `alerts.createRule`: off_target needs a measure and a threshold; an opel rule's threshold is a level 1–4. */
export const createRuleInput = z
  .strictObject({
    kind: z.enum(ALERT_RULE_KINDS, { error: `must be one of ${ALERT_RULE_KINDS.join(', ')}` }),
    ...ruleShape,
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'opel' && input.threshold != null && ![1, 2, 3, 4].includes(input.threshold))
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: 'is an OPEL level for opel: 1, 2, 3 or 4',
      });
    if (input.kind !== 'off_target') return;
    if (!input.measure)
      ctx.addIssue({ code: 'custom', path: ['measure'], message: 'is required for off_target' });
    if (input.threshold === undefined)
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'is required for off_target' });
  });
export type CreateRuleInput = z.infer<typeof createRuleInput>;

export const updateRuleInput = z.strictObject({
  id: numericId,
  ...ruleShape,
  channelIds: ruleShape.channelIds.optional(),
});
export type UpdateRuleInput = z.infer<typeof updateRuleInput>;

export const deliveriesInput = z.strictObject({
  limit: z
    .number({ error: 'must be a number' })
    .int()
    .min(1, 'must be at least 1')
    .max(ALERT_LIMITS.maxPageSize, `must be at most ${ALERT_LIMITS.maxPageSize}`)
    .default(50),
  /** A delivery id: older entries (the `next` of the previous page). */
  before: numericId.optional(),
  failedOnly: z.boolean({ error: 'must be true or false' }).optional(),
});

const localTime = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${what} must be a time HH:MM (UK local time)`);

/** A maintenance window: one-off on `date` or weekly on `weekday` (1 = Monday … 7 = Sunday), UK local time. */
export const createMaintenanceInput = z
  .strictObject({
    systemId: idField('system id'),
    /** Empty or absent: every site. */
    siteIds: idsField('site id').default([]),
    date: z
      .string({ error: 'date must be a string' })
      .regex(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date must be a date YYYY-MM-DD')
      .optional(),
    weekday: z
      .number({ error: 'weekday must be a number' })
      .int('weekday must be 1–7')
      .min(1, 'weekday must be 1 (Monday) to 7 (Sunday)')
      .max(7, 'weekday must be 1 (Monday) to 7 (Sunday)')
      .optional(),
    startTime: localTime('startTime'),
    endTime: localTime('endTime'),
    note: textField('note', 500).optional(),
  })
  .superRefine((input, ctx) => {
    if ((input.date === undefined) === (input.weekday === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        message: 'give either a date (one-off) or a weekday (weekly)',
      });
    if (input.startTime === input.endTime)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'must differ from startTime' });
  });
export type CreateMaintenanceInput = z.infer<typeof createMaintenanceInput>;

/** What a generic webhook receives (JSON, POST), signed with HMAC-SHA256 (see the README). */
export interface AlertWebhookPayload {
  rule: number;
  ruleKind: AlertRuleKind;
  ruleName: string | null;
  state: 'firing' | 'resolved' | 'test';
  siteId: string | null;
  systemId: string | null;
  measure: string | null;
  since: string | null;
  text: string;
  url: string;
  sentAt: string;
}
