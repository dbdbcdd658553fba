import { z } from 'zod';
import { LIMITS } from './limits.ts';

/** Site, system, queue, agent, call and key ids: letters, digits and . _ : - (starting with a letter or digit). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** A short identifier: site, system, queue or agent. */
export const idField = (what: string, max: number = LIMITS.idLength) =>
  z
    .string({ error: `${what} must be a string` })
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .regex(
      ID_PATTERN,
      `${what} may contain only letters, digits and . _ : - (starting with a letter or digit)`,
    );

/** A lone UTF-16 surrogate: not Unicode, and PostgreSQL refuses it (which once made a poison batch). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 and C1 control characters other than tab, line feed and carriage return. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Free text (a status detail, a name): at most `max` characters of valid Unicode, without control
 * characters other than tab and line breaks. Every text field that is stored goes through here.
 */
export const textField = (what: string, max: number) =>
  z
    .string({ error: `${what} must be a string` })
    .max(max, `${what} must be at most ${max} characters`)
    .refine((text) => !LONE_SURROGATE.test(text), `${what} must be valid Unicode (no lone surrogates)`)
    .refine((text) => !CONTROL.test(text), `${what} must not contain control characters`);

/** A name typed by a person: non-empty text of at most LIMITS.nameLength characters. */
export const nameField = (what: string) =>
  textField(what, LIMITS.nameLength).refine((text) => text.trim().length > 0, `${what} must not be empty`);

const earliestMs = Date.parse(LIMITS.earliestAt);

/**
 * An instant: ISO 8601 with a UTC offset ("2026-11-25T09:14:00Z" or "…+01:00"), not before 2015 and not
 * more than five minutes ahead of the server clock (checked when the batch arrives).
 */
export const instantField = z
  .string({ error: 'must be an ISO 8601 timestamp string with an offset' })
  .max(40, 'must be at most 40 characters')
  .pipe(
    z.iso.datetime({
      offset: true,
      error: 'must be an ISO 8601 timestamp with an offset, e.g. 2026-11-25T09:14:00Z',
    }),
  )
  .superRefine((value, ctx) => {
    const ms = Date.parse(value);
    // Stryker: this branch and `>=` for `>` below are equivalent mutants. z.iso.datetime already refuses
    // impossible dates (the guard stays for a zod that would not), and the instant exactly at the skew
    // limit cannot be hit from a test, the clock moving on between the two reads.
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date' });
    } else if (ms < earliestMs) {
      ctx.addIssue({ code: 'custom', message: `must not be before ${LIMITS.earliestAt}` });
    } else if (ms > Date.now() + LIMITS.maxFutureSkewMs) {
      ctx.addIssue({ code: 'custom', message: 'must not be more than 5 minutes in the future' });
    }
  });

export const countField = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(LIMITS.maxCount, `must be at most ${LIMITS.maxCount}`);

export const durationMsField = z
  .number({ error: 'must be a number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .min(0, 'must not be negative')
  .max(LIMITS.maxWaitMs, `must be at most ${LIMITS.maxWaitMs} (24 hours)`);

/** A non-empty batch of at most LIMITS.maxBatch items. */
export const batchOf = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item, { error: `${what} must be an array` })
    .min(1, `${what} must hold at least one item`)
    .max(LIMITS.maxBatch, `${what} must hold at most ${LIMITS.maxBatch} items`);
