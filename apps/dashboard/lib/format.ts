import { DEFAULT_TIME_ZONE, localDateString } from '@switchboard/metrics';

/** Every time on screen is UK time. */
export const UK_TIME_ZONE = DEFAULT_TIME_ZONE;

const time = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const timeWithSeconds = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dayMonth = new Intl.DateTimeFormat('en-GB', { timeZone: UK_TIME_ZONE, day: 'numeric', month: 'short' });
const fullDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

const ms = (at: string | number): number => (typeof at === 'number' ? at : Date.parse(at));

/** "09:14" in UK time. */
export const ukTime = (at: string | number): string => time.format(ms(at));
/** "09:14:05" in UK time. */
export const ukTimeSeconds = (at: string | number): string => timeWithSeconds.format(ms(at));
/** "25 Nov" in UK time. */
export const ukDay = (at: string | number): string => dayMonth.format(ms(at));
/** "25 Nov 2026" in UK time. */
export const ukDate = (at: string | number): string => fullDate.format(ms(at));

/** Same UK calendar day? */
export const sameUkDay = (a: string | number, b: string | number): boolean =>
  localDateString(ms(a), UK_TIME_ZONE) === localDateString(ms(b), UK_TIME_ZONE);

/** "09:14" when `at` is on the same UK day as `now`, otherwise "24 Nov 09:14". */
export function ukWhen(at: string | number, now: string | number): string {
  return sameUkDay(at, now) ? ukTime(at) : `${ukDay(at)} ${ukTime(at)}`;
}

/** A wait or answer time: "42 s", "3 min 05 s", "1 h 02 min". */
export function duration(valueMs: number): string {
  const s = Math.round(valueMs / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** A share 0–100 as "96.2%". */
export const percent = (value: number): string => `${value.toFixed(1)}%`;

/** A whole count with thousands separators. */
export const count = (value: number): string => Math.round(value).toLocaleString('en-GB');

/** Who did something, from an audit label ("user:mo@nhs.net" → "mo@nhs.net"; other labels as they are). */
export const actorLabel = (label: string): string => label.replace(/^user:/, '');
