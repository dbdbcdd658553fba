/** UK local time (Europe/London) and the England & Wales bank holidays, for the shape of demand. */
import { DEFAULT_TIME_ZONE, londonOffsetMs } from '@switchboard/metrics';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const TIME_ZONE = DEFAULT_TIME_ZONE;
/** London's offset from UTC at an instant, in ms (from the one London-time module). */
export { londonOffsetMs };

export type DayType = 'weekday' | 'monday' | 'saturday' | 'sunday' | 'bank-holiday';

/** London wall-clock time as ms since 1970-01-01T00:00 local (so days and hours divide evenly). */
export function localMs(ms: number): number {
  return ms + londonOffsetMs(ms);
}

/** Local day number (days since 1970-01-01 in London) of an instant. */
export function localDay(ms: number): number {
  return Math.floor(localMs(ms) / DAY_MS);
}

/** The UTC instant of a London wall-clock time `minutes` after local midnight of `day`. */
export function utcOfLocal(day: number, minutes: number): number {
  const wall = day * DAY_MS + minutes * 60_000;
  let utc = wall - londonOffsetMs(wall);
  utc = wall - londonOffsetMs(utc);
  return utc;
}

const dayTypeCache = new Map<number, DayType>();

/** What kind of day a local day is, for demand: bank holidays behave like Sundays in NHS 111. */
export function dayType(day: number): DayType {
  let type = dayTypeCache.get(day);
  if (type === undefined) {
    const date = new Date(day * DAY_MS);
    const weekday = date.getUTCDay();
    if (bankHolidays(date.getUTCFullYear()).has(day)) type = 'bank-holiday';
    else if (weekday === 6) type = 'saturday';
    else if (weekday === 0) type = 'sunday';
    else if (weekday === 1) type = 'monday';
    else type = 'weekday';
    dayTypeCache.set(day, type);
  }
  return type;
}

const holidayCache = new Map<number, Set<number>>();

/** England & Wales bank holidays of a year, as local day numbers (rules only, not one-off holidays). */
export function bankHolidays(year: number): Set<number> {
  let days = holidayCache.get(year);
  if (days) return days;
  const d = (month: number, dayOfMonth: number) => Date.UTC(year, month - 1, dayOfMonth) / DAY_MS;
  const weekday = (day: number) => new Date(day * DAY_MS).getUTCDay();
  const firstMonday = (month: number) => {
    const first = d(month, 1);
    return first + ((8 - weekday(first)) % 7);
  };
  const lastMonday = (month: number) => {
    const last = d(month + 1, 1) - 1;
    return last - ((weekday(last) + 6) % 7);
  };
  const easter = easterSunday(year);
  days = new Set([easter - 2, easter + 1, firstMonday(5), lastMonday(5), lastMonday(8)]);
  const newYear = d(1, 1);
  days.add(weekday(newYear) === 6 ? newYear + 2 : weekday(newYear) === 0 ? newYear + 1 : newYear);
  const christmas = d(12, 25);
  days.add(christmas).add(christmas + 1);
  if (weekday(christmas) === 5) days.add(christmas + 3);
  if (weekday(christmas) === 0) days.add(christmas + 2);
  if (weekday(christmas) === 6) days.add(christmas + 2).add(christmas + 3);
  holidayCache.set(year, days);
  return days;
}

/** Easter Sunday (Gregorian, anonymous algorithm) as a day number. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((8 * b + 13) / 25) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Parses "HH:MM" into minutes after midnight, or undefined. */
export function parseClock(text: string): number | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}
