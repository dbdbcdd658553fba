import { INTERVAL_MS, SERIES_INTERVALS, type SeriesInterval } from '@switchboard/contracts';
import { DEFAULT_TIME_ZONE, localDayStart, localMidnight, localParts } from './london-time.ts';

// Buckets of the contract's intervals: sub-day ones align to UTC multiples; '1d' buckets are local days
// (time zones are handled in london-time.ts only).
type IntervalName = SeriesInterval;

/** Start of the bucket holding `ms`. */
export function bucketStart(
  ms: number,
  interval: IntervalName,
  timeZone: string = DEFAULT_TIME_ZONE,
): number {
  if (interval === '1d') return localDayStart(ms, timeZone);
  const size = INTERVAL_MS[interval];
  return Math.floor(ms / size) * size;
}

/** Start of the bucket after the one starting at `start` (the next local midnight for '1d'). */
export function nextBucketStart(start: number, interval: IntervalName, timeZone = DEFAULT_TIME_ZONE): number {
  if (interval !== '1d') return start + INTERVAL_MS[interval];
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
  // Stryker: `true` here is equivalent (counting the starts gives the same number, only slower).
  if (interval === '1d') return bucketStarts(from, to, interval, timeZone).length;
  const size = INTERVAL_MS[interval];
  return Math.floor((to - 1) / size) - Math.floor(from / size) + 1;
}

/** The smallest interval giving at most maxPoints buckets over [from, to); '1d' if none does. */
export function chooseInterval(
  from: number,
  to: number,
  maxPoints: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): IntervalName {
  for (const name of SERIES_INTERVALS) {
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
  // Stryker: the `?? ''` fallback is equivalent (a match always has group 2); it only satisfies the types.
  const unit = match ? RELATIVE_UNITS_MS[match[2] ?? ''] : undefined;
  if (!unit || !(amount > 0)) {
    throw new RangeError(`relative range must look like 30m, 4h or 7d, got ${JSON.stringify(spec)}`);
  }
  return { from: now - amount * unit, to: now };
}
