import { tzOffset } from '@date-fns/tz';

/**
 * The one place time zones are handled (on @date-fns/tz): metrics, the simulator, the exports and the
 * import read London time through these functions. Days are calendar days in Europe/London (23 or 25 hours
 * at the clock changes); the clocks change on a UTC hour.
 */
export const DEFAULT_TIME_ZONE = 'Europe/London';

const HOUR_MS = 3_600_000;

/** Local time minus UTC, in ms, at an instant (e.g. 3600000 during British Summer Time). */
export function timeZoneOffsetMs(ms: number, timeZone: string = DEFAULT_TIME_ZONE): number {
  return tzOffset(timeZone, new Date(ms)) * 60_000;
}

const londonOffsets = new Map<number, number>();
/**
 * London's offset from UTC at an instant, in ms (0 or 3,600,000), remembered per UTC hour for hot loops
 * (exports, the simulator). Bounded: emptied at 50,000 hours (about 5.7 years).
 */
export function londonOffsetMs(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = londonOffsets.get(hour);
  // Stryker: `true` for `offset === undefined` and every mutant of the bound below are equivalent: the
  // memo only saves time and memory, the offset returned is the same whether it is remembered or not.
  if (offset === undefined) {
    if (londonOffsets.size >= 50_000) londonOffsets.clear();
    offset = timeZoneOffsetMs(hour * HOUR_MS, DEFAULT_TIME_ZONE);
    londonOffsets.set(hour, offset);
  }
  return offset;
}

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** Wall-clock date and time of an instant in a time zone. */
export function localParts(ms: number, timeZone: string = DEFAULT_TIME_ZONE): LocalParts {
  const wall = new Date(ms + timeZoneOffsetMs(ms, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** The instant local midnight begins on a calendar date (month 1–12; day may overflow, like Date.UTC). */
export function localMidnight(
  year: number,
  month: number,
  day: number,
  timeZone = DEFAULT_TIME_ZONE,
): number {
  const wall = Date.UTC(year, month - 1, day);
  let guess = wall - timeZoneOffsetMs(wall, timeZone);
  // Twice: the offset at the first guess may differ from the offset at midnight itself.
  for (let i = 0; i < 2; i++) guess = wall - timeZoneOffsetMs(guess, timeZone);
  return guess;
}

/** Start of the local day holding `ms`. */
export function localDayStart(ms: number, timeZone: string = DEFAULT_TIME_ZONE): number {
  const p = localParts(ms, timeZone);
  return localMidnight(p.year, p.month, p.day, timeZone);
}

/** Local calendar date as YYYY-MM-DD, for day labels in charts and CSV. */
export function localDateString(ms: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = localParts(ms, timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * The instant a wall-clock time (given as if it were UTC: `Date.UTC(y, m - 1, d, h, min, s)`) names in a
 * time zone. An hour the clocks skip (spring) names no instant: null. An hour that happens twice (autumn)
 * names the earlier one.
 */
export function localToInstant(wallMs: number, timeZone: string = DEFAULT_TIME_ZONE): number | null {
  let best: number | null = null;
  // Stryker: four mutants here survive and are equivalent for every zone whose clock moves by an hour
  // (London, the only zone passed): the later probe at `wallMs + 6 / 3_600_000` (about wallMs), and
  // `probe + offset` for `probe - offset` below, still land on the right side of a one-hour change;
  // `false` for `candidate < best` keeps the first probe's instant, which is already the earlier one; and
  // `candidate <= best` for `<` picks the same instant when the two are equal.
  for (const probe of [wallMs - 6 * 3_600_000, wallMs + 6 * 3_600_000]) {
    const candidate = wallMs - timeZoneOffsetMs(probe - timeZoneOffsetMs(probe, timeZone), timeZone);
    const back = candidate + timeZoneOffsetMs(candidate, timeZone);
    if (back === wallMs && (best === null || candidate < best)) best = candidate;
  }
  return best;
}
