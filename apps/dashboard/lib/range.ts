import { MAX_RANGE_DAYS } from '@switchboard/contracts';
import { parseRelativeRange, timeZoneOffsetMs } from '@switchboard/metrics';
import { sameUkDay, UK_TIME_ZONE, ukDate, ukDay, ukTime } from './format.ts';

/** The relative ranges the picker offers, with the words every figure uses to name its window. */
export const RELATIVE_RANGES = [
  { last: '1h', label: 'last 60 min', short: '1 hour' },
  { last: '4h', label: 'last 4 hours', short: '4 hours' },
  { last: '12h', label: 'last 12 hours', short: '12 hours' },
  { last: '24h', label: 'last 24 hours', short: '24 hours' },
  { last: '7d', label: 'last 7 days', short: '7 days' },
  { last: '30d', label: 'last 30 days', short: '30 days' },
] as const;

export type Range = { kind: 'relative'; last: string } | { kind: 'absolute'; from: string; to: string };
export type RangeInput = { last: string } | { from: string; to: string };
export type SearchParams = Record<string, string | string[] | undefined>;

export const DEFAULT_RANGE: Range = { kind: 'relative', last: '4h' };
/** The contract's longest query range: a longer URL range falls back to the default. */
const MAX_SPAN_MS = MAX_RANGE_DAYS * 86_400_000;
const LOCAL_MINUTE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const first = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** A UK wall-clock time such as "2026-11-25T09:00" (a datetime-local value) as an instant, epoch ms. */
export function ukLocalToMs(value: string): number | null {
  const m = LOCAL_MINUTE.exec(value);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall)) return null;
  let guess = wall - timeZoneOffsetMs(wall, UK_TIME_ZONE);
  guess = wall - timeZoneOffsetMs(guess, UK_TIME_ZONE);
  return guess;
}

/** An instant as a UK wall-clock "YYYY-MM-DDTHH:MM", for datetime-local inputs and readable URLs. */
export function msToUkLocal(at: number): string {
  const local = new Date(at + timeZoneOffsetMs(at, UK_TIME_ZONE));
  return local.toISOString().slice(0, 16);
}

/** An instant from the URL: UK wall-clock time, or ISO 8601 with an offset. */
function parseInstant(value: string | undefined): number | null {
  if (!value) return null;
  if (LOCAL_MINUTE.test(value)) return ukLocalToMs(value);
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : at;
}

/** The range in the URL (`?range=4h`, or `?from=…&to=…` in UK time); the fallback when absent or invalid. */
export function rangeFromParams(params: SearchParams, fallback: Range = DEFAULT_RANGE): Range {
  const last = first(params.range);
  if (last && RELATIVE_RANGES.some((r) => r.last === last)) return { kind: 'relative', last };
  const from = parseInstant(first(params.from));
  const to = parseInstant(first(params.to));
  if (from !== null && to !== null && to > from && to - from <= MAX_SPAN_MS) {
    return { kind: 'absolute', from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  }
  return fallback;
}

/** What the API takes. */
export const rangeInput = (range: Range): RangeInput =>
  range.kind === 'relative' ? { last: range.last } : { from: range.from, to: range.to };

/** The range's bounds, resolving a relative range against `now`. */
export function rangeBounds(range: Range, now: number): { from: number; to: number } {
  if (range.kind === 'relative') return parseRelativeRange(range.last, now);
  return { from: Date.parse(range.from), to: Date.parse(range.to) };
}

/** The query string of a range, for links. */
export function rangeQuery(range: Range): string {
  if (range.kind === 'relative') return `range=${range.last}`;
  const from = msToUkLocal(Date.parse(range.from));
  const to = msToUkLocal(Date.parse(range.to));
  return `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
}

/** "09:00–13:00 UK time, 25 Nov 2026", or across days "24 Nov 22:00 – 25 Nov 06:00 UK time". */
export function spanLabel(from: string | number, to: string | number): string {
  if (sameUkDay(from, to)) return `${ukTime(from)}–${ukTime(to)} UK time, ${ukDate(from)}`;
  return `${ukDay(from)} ${ukTime(from)} – ${ukDay(to)} ${ukTime(to)} UK time`;
}

/** The window's name: "last 4 hours" or an absolute span in UK time. */
export function rangeLabel(range: Range): string {
  if (range.kind === 'absolute') return spanLabel(range.from, range.to);
  return RELATIVE_RANGES.find((r) => r.last === range.last)?.label ?? `last ${range.last}`;
}
