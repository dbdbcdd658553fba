import { type CallEvent, callEventSchema, surelyValidCallEvent } from '@switchboard/contracts';
import { localToInstant } from '@switchboard/metrics';

/** The import's columns: the contract's field names. callId, kind and at are required. */
export const IMPORT_FIELDS = ['callId', 'kind', 'at', 'waitMs', 'queue', 'agentId'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
const REQUIRED: readonly ImportField[] = ['callId', 'kind', 'at'];

/** Which column of the file holds each field; refuses a header without a required field. */
export function mapHeader(header: readonly string[]): Map<ImportField, number> {
  const map = new Map<ImportField, number>();
  header.forEach((name, i) => {
    const field = IMPORT_FIELDS.find((f) => f.toLowerCase() === name.trim().toLowerCase());
    if (field && !map.has(field)) map.set(field, i);
  });
  const missing = REQUIRED.filter((field) => !map.has(field));
  if (missing.length > 0)
    throw new Error(
      `line 1: the header has no column ${missing.join(', ')} (expected ${IMPORT_FIELDS.join(',')})`,
    );
  return map;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;

/**
 * An import time as ISO 8601: with an offset (or Z) it is taken as it is; without one it is London
 * wall-clock time (`2026-10-25 01:30:00`), the earlier instant when the clocks go back, refused when they
 * go forward over it.
 */
export function importInstant(text: string): string | { error: string } {
  const wall = WALL_CLOCK.exec(text.trim());
  if (!wall) return text.trim();
  const [, y, mo, d, h, mi, s] = wall.map(Number);
  const millis = wall[7] ? Number(wall[7].padEnd(3, '0')) : 0;
  const wallMs = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s || 0, millis);
  const instant = localToInstant(wallMs);
  if (instant === null) return { error: `at: ${text} does not exist in London (the clocks went forward)` };
  return new Date(instant).toISOString();
}

/** One record as a call event of `siteId`, or the reason it is refused (field: message). */
export function importRow(
  record: readonly string[],
  columns: Map<ImportField, number>,
  siteId: string,
  /** The clock the five-minute skew limit is measured from (read once per import). */
  now: number = Date.now(),
): CallEvent | { error: string } {
  const value = (field: ImportField) => {
    const i = columns.get(field);
    const text = i === undefined ? undefined : record[i];
    return text === undefined || text === '' ? undefined : text;
  };
  const at = value('at');
  const instant = at === undefined ? undefined : importInstant(at);
  if (typeof instant === 'object') return instant;
  const wait = value('waitMs');
  const fields = {
    siteId,
    callId: value('callId'),
    kind: value('kind'),
    at: instant,
    waitMs: wait === undefined ? undefined : /^-?\d+$/.test(wait) ? Number(wait) : wait,
    queue: value('queue'),
    agentId: value('agentId'),
  };
  // Nearly every row passes the contract's fast check; zod (several times slower) decides the rest.
  if (surelyValidCallEvent(fields, now)) return fields as CallEvent;
  const parsed = callEventSchema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return { error: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'is not valid'}` };
}
