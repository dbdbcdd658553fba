/** Chart and export buckets. Sub-day buckets align to UTC multiples; '1d' buckets are local days. */
export const INTERVALS = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
} as const;

export type IntervalName = keyof typeof INTERVALS;
export const INTERVAL_NAMES = Object.keys(INTERVALS) as IntervalName[];
export const DEFAULT_TIME_ZONE = 'Europe/London';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** Wall-clock date and time of an instant in a time zone. */
export function localParts(ms: number, timeZone: string = DEFAULT_TIME_ZONE): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Local time minus UTC, in ms, at an instant (e.g. 3600000 during British Summer Time). */
export function timeZoneOffsetMs(ms: number, timeZone: string = DEFAULT_TIME_ZONE): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
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

/** Start of the bucket holding `ms`. */
export function bucketStart(
  ms: number,
  interval: IntervalName,
  timeZone: string = DEFAULT_TIME_ZONE,
): number {
  if (interval === '1d') return localDayStart(ms, timeZone);
  const size = INTERVALS[interval];
  return Math.floor(ms / size) * size;
}

/** Start of the bucket after the one starting at `start` (the next local midnight for '1d'). */
export function nextBucketStart(start: number, interval: IntervalName, timeZone = DEFAULT_TIME_ZONE): number {
  if (interval !== '1d') return start + INTERVALS[interval];
  const p = localParts(start, timeZone);
  return localMidnight(p.year, p.month, p.day + 1, timeZone);
}

/**
 * Starts (epoch ms) of every bucket overlapping [from, to), in order. The first is the start of the bucket
 * holding `from`, so it may be before `from`; none for an empty range. Local days are 23 h or 25 h on clock-change days.
 */
export function bucketStarts(
  from: number,
  to: number,
  interval: IntervalName,
  timeZone: string = DEFAULT_TIME_ZONE,
): number[] {
  const out: number[] = [];
  if (!(to > from)) return out;
  for (let s = bucketStart(from, interval, timeZone); s < to; s = nextBucketStart(s, interval, timeZone)) {
    out.push(s);
  }
  return out;
}

/** How many buckets of `interval` overlap [from, to). */
export function bucketCount(
  from: number,
  to: number,
  interval: IntervalName,
  timeZone = DEFAULT_TIME_ZONE,
): number {
  if (!(to > from)) return 0;
  if (interval === '1d') return bucketStarts(from, to, interval, timeZone).length;
  const size = INTERVALS[interval];
  return Math.floor((to - 1) / size) - Math.floor(from / size) + 1;
}

/** The smallest interval giving at most maxPoints buckets over [from, to); '1d' if none does. */
export function chooseInterval(
  from: number,
  to: number,
  maxPoints: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): IntervalName {
  for (const name of INTERVAL_NAMES) {
    if (bucketCount(from, to, name, timeZone) <= maxPoints) return name;
  }
  return '1d';
}

const RELATIVE_UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A rolling range ending at `now`: '30m', '4h', '7d' (d = 24 h, not local days; NHS 111 never resets at
 * midnight). Resolve it per query with the current time passed in.
 */
export function parseRelativeRange(spec: string, now: number): { from: number; to: number } {
  const match = /^\s*(\d+)\s*([smhd])\s*$/.exec(spec);
  const amount = match ? Number(match[1]) : 0;
  const unit = match ? RELATIVE_UNITS_MS[match[2] ?? ''] : undefined;
  if (!unit || !(amount > 0)) {
    throw new RangeError(`relative range must look like 30m, 4h or 7d, got ${JSON.stringify(spec)}`);
  }
  return { from: now - amount * unit, to: now };
}

/**
 * The instant a wall-clock time (given as if it were UTC: `Date.UTC(y, m - 1, d, h, min, s)`) names in a
 * time zone. An hour the clocks skip (spring) names no instant: null. An hour that happens twice (autumn)
 * names the earlier one.
 */
export function localToInstant(wallMs: number, timeZone: string = DEFAULT_TIME_ZONE): number | null {
  let best: number | null = null;
  for (const probe of [wallMs - 6 * 3_600_000, wallMs + 6 * 3_600_000]) {
    const candidate = wallMs - timeZoneOffsetMs(probe - timeZoneOffsetMs(probe, timeZone), timeZone);
    const back = candidate + timeZoneOffsetMs(candidate, timeZone);
    if (back === wallMs && (best === null || candidate < best)) best = candidate;
  }
  return best;
}
