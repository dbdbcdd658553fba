import { z } from 'zod';
import { batchOf, idField, instantField, textField } from '../fields.ts';
import { LIMITS } from '../limits.ts';

/** What a feed may report. `unknown` is never sent: it is what the API infers when reports stop. */
export const REPORTED_STATUSES = ['up', 'degraded', 'down'] as const;
export const SYSTEM_STATUSES = [...REPORTED_STATUSES, 'unknown'] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];

export const STATUS_SOURCES = ['heartbeat', 'probe', 'manual'] as const;
export type StatusSource = (typeof STATUS_SOURCES)[number];

export const systemStatusSchema = z.strictObject({
  systemId: idField('systemId'),
  /** Omitted for a national status (the system as a whole). */
  siteId: idField('siteId').optional(),
  at: instantField,
  status: z.enum(REPORTED_STATUSES, { error: `must be one of ${REPORTED_STATUSES.join(', ')}` }),
  source: z.enum(STATUS_SOURCES, { error: `must be one of ${STATUS_SOURCES.join(', ')}` }),
  detail: textField('detail', LIMITS.detailLength).optional(),
  /** How long the check took, in ms (a probe's response time). */
  responseMs: z
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(0, 'must not be negative')
    .max(LIMITS.maxResponseMs, `must be at most ${LIMITS.maxResponseMs}`)
    .optional(),
});
export type SystemStatusReport = z.infer<typeof systemStatusSchema>;

export const systemStatusInput = z.strictObject({ statuses: batchOf(systemStatusSchema, 'statuses') });
export type SystemStatusInput = z.infer<typeof systemStatusInput>;
