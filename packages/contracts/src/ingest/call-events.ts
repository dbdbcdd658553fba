import { z } from 'zod';
import { batchOf, durationMsField, idField, instantField } from '../fields.ts';
import { LIMITS } from '../limits.ts';

export const CALL_EVENT_KINDS = [
  'offered',
  'answered',
  'abandoned',
  'ended',
  'callback_requested',
  'callback_made',
  'transferred',
] as const;
export type CallEventKind = (typeof CALL_EVENT_KINDS)[number];

/** Kinds that must carry the caller's wait as the ACD measured it. */
export const KINDS_WITH_WAIT: readonly CallEventKind[] = ['answered', 'abandoned'];

export const callEventSchema = z
  .strictObject({
    siteId: idField('siteId'),
    callId: idField('callId', LIMITS.callIdLength),
    kind: z.enum(CALL_EVENT_KINDS, { error: `must be one of ${CALL_EVENT_KINDS.join(', ')}` }),
    at: instantField,
    waitMs: durationMsField.optional(),
    queue: idField('queue').optional(),
    agentId: idField('agentId').optional(),
  })
  .superRefine((event, ctx) => {
    if (KINDS_WITH_WAIT.includes(event.kind) && event.waitMs === undefined) {
      ctx.addIssue({ code: 'custom', path: ['waitMs'], message: `is required for kind "${event.kind}"` });
    }
  });
export type CallEvent = z.infer<typeof callEventSchema>;

export const callEventsInput = z.strictObject({ events: batchOf(callEventSchema, 'events') });
export type CallEventsInput = z.infer<typeof callEventsInput>;
