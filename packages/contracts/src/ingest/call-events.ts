import { z } from 'zod';
import { batchOf, durationMsField, ID_PATTERN, idField, instantField } from '../fields.ts';
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

/** A call event's fields as read from a file: text, the wait already a number when it looked like one. */
export interface CallEventFields {
  siteId: string | undefined;
  callId: string | undefined;
  kind: string | undefined;
  at: string | undefined;
  waitMs: number | string | undefined;
  queue: string | undefined;
  agentId: string | undefined;
}

const KINDS: ReadonlySet<string> = new Set(CALL_EVENT_KINDS);
const WAIT_KINDS: ReadonlySet<string> = new Set(KINDS_WITH_WAIT);
/** The plainest instant callEventSchema takes: UTC, whole seconds or milliseconds (`2026-11-25T09:14:00.000Z`). */
const PLAIN_UTC =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/;
const EARLIEST_MS = Date.parse(LIMITS.earliestAt);
const isId = (text: string | undefined, max: number) =>
  text !== undefined && text.length <= max && ID_PATTERN.test(text);
const isOptionalId = (text: string | undefined) => text === undefined || isId(text, LIMITS.idLength);

/**
 * A fast yes for bulk paths (the CSV import), where parsing each row with zod is the cost: true only for
 * events `callEventSchema` surely takes, checked with the same rules (ID_PATTERN, LIMITS, the kinds and which
 * need a wait); false when in doubt (an instant with an offset, an impossible date, any refusal), and the
 * caller then asks `callEventSchema`, which decides and names the reason. Tested: true implies the schema
 * accepts (test/fast-check.test.ts).
 */
export function surelyValidCallEvent(event: CallEventFields, nowMs: number = Date.now()): boolean {
  const { kind, at, waitMs } = event;
  if (kind === undefined || !KINDS.has(kind)) return false;
  if (waitMs === undefined ? WAIT_KINDS.has(kind) : !Number.isInteger(waitMs)) return false;
  if (typeof waitMs === 'number' && (waitMs < 0 || waitMs > LIMITS.maxWaitMs)) return false;
  if (at === undefined || !PLAIN_UTC.test(at)) return false;
  const ms = Date.parse(at);
  // Date.parse rolls 31 June over into 1 July; the schema refuses it, so must this.
  if (
    !(ms >= EARLIEST_MS && ms <= nowMs + LIMITS.maxFutureSkewMs) ||
    new Date(ms).getUTCDate() !== Number(at.slice(8, 10))
  )
    return false;
  return (
    isId(event.siteId, LIMITS.idLength) &&
    isId(event.callId, LIMITS.callIdLength) &&
    isOptionalId(event.queue) &&
    isOptionalId(event.agentId)
  );
}
